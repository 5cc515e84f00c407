import type { OfferStatus, OfferSummary } from '../../../shared/api/z-pre-authorized-offer';

/** What the clerk sees: the engine's status, with "scanned" split out of pending. */
export type OfferPhase = 'waiting' | 'scanned' | Exclude<OfferStatus, 'pending'>;
export type Tone = 'neutral' | 'progress' | 'success' | 'warning' | 'danger';

export interface PhaseView {
  /** Also the key of its words in the catalog (offer.phases.<phase>). */
  phase: OfferPhase;
  tone: Tone;
  /** The QR code and transaction code are still of use to the holder. */
  showCode: boolean;
  /** Nothing more will happen. */
  done: boolean;
  /** The holder has the credential. */
  success: boolean;
}

const views: Record<OfferPhase, Omit<PhaseView, 'phase'>> = {
  waiting: { tone: 'neutral', showCode: true, done: false, success: false },
  scanned: { tone: 'progress', showCode: true, done: false, success: false },
  token_issued: { tone: 'progress', showCode: false, done: false, success: false },
  claimed: { tone: 'success', showCode: false, done: false, success: true },
  accepted: { tone: 'success', showCode: false, done: true, success: true },
  expired: { tone: 'warning', showCode: false, done: true, success: false },
  cancelled: { tone: 'warning', showCode: false, done: true, success: false },
  locked: { tone: 'danger', showCode: false, done: true, success: false },
};

export function offerPhase(offer: Pick<OfferSummary, 'status' | 'scannedAt'> | undefined): OfferPhase {
  if (!offer) return 'waiting';
  if (offer.status === 'pending') return offer.scannedAt ? 'scanned' : 'waiting';
  return offer.status;
}

export function phaseView(offer: Pick<OfferSummary, 'status' | 'scannedAt'> | undefined): PhaseView {
  const phase = offerPhase(offer);
  return { phase, ...views[phase] };
}

/** The steps shown as a progress line on the offer screen, in order. */
export const progressSteps: readonly ('waiting' | 'scanned' | 'token_issued' | 'claimed' | 'accepted')[] = [
  'waiting',
  'scanned',
  'token_issued',
  'claimed',
  'accepted',
];

/** How far along `progressSteps` a phase is; -1 for endings off the happy path. */
export const stepIndex = (phase: OfferPhase): number => progressSteps.indexOf(phase as (typeof progressSteps)[number]);

/**
 * How long a finished offer stays on screen before the counter comes back by itself: only after
 * success (DESIGN §14). An offer that ended without issuing waits for the clerk, who may give the
 * same person a new code without retyping anything.
 */
export function returnDelayMs(view: PhaseView): number | undefined {
  if (view.phase === 'claimed') return 15_000; // wait a little for the wallet's "accepted"
  if (view.success) return 5_000;
  return undefined;
}

/** An offer that ended without a credential: the same details may be used again. */
export const endedWithoutIssuing = (view: PhaseView): boolean => view.done && !view.success;
