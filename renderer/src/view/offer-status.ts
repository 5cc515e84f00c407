import type { OfferStatus, OfferSummary } from '../../../shared/api/z-pre-authorized-offer';

/** What the clerk sees: the engine's status, with "scanned" split out of pending. */
export type OfferPhase = 'waiting' | 'scanned' | Exclude<OfferStatus, 'pending'>;
export type Tone = 'neutral' | 'progress' | 'success' | 'warning' | 'danger';

export interface PhaseView {
  phase: OfferPhase;
  label: string;
  detail: string;
  tone: Tone;
  /** The QR code and transaction code are still of use to the holder. */
  showCode: boolean;
  /** Nothing more will happen: return to the counter. */
  done: boolean;
  /** The holder has the credential. */
  success: boolean;
}

const views: Record<OfferPhase, Omit<PhaseView, 'phase'>> = {
  waiting: {
    label: 'Waiting for the wallet',
    detail: 'Ask the holder to scan the QR code with their wallet.',
    tone: 'neutral',
    showCode: true,
    done: false,
    success: false,
  },
  scanned: {
    label: 'QR code scanned',
    detail: 'The holder should now type the transaction code into their wallet.',
    tone: 'progress',
    showCode: true,
    done: false,
    success: false,
  },
  token_issued: {
    label: 'Code accepted',
    detail: 'The wallet is requesting the credential.',
    tone: 'progress',
    showCode: false,
    done: false,
    success: false,
  },
  claimed: {
    label: 'Credential issued',
    detail: 'The credential was sent to the wallet.',
    tone: 'success',
    showCode: false,
    done: false,
    success: true,
  },
  accepted: {
    label: 'Accepted by the wallet',
    detail: 'The wallet confirmed it stored the credential.',
    tone: 'success',
    showCode: false,
    done: true,
    success: true,
  },
  expired: {
    label: 'Offer expired',
    detail: 'The offer ran out of time. Create a new one if needed.',
    tone: 'warning',
    showCode: false,
    done: true,
    success: false,
  },
  cancelled: {
    label: 'Offer cancelled',
    detail: 'The QR code no longer works.',
    tone: 'warning',
    showCode: false,
    done: true,
    success: false,
  },
  locked: {
    label: 'Offer locked',
    detail: 'The transaction code was entered wrongly too many times. Create a new offer.',
    tone: 'danger',
    showCode: false,
    done: true,
    success: false,
  },
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
export const progressSteps: ReadonlyArray<{ phase: OfferPhase; label: string }> = [
  { phase: 'waiting', label: 'Waiting' },
  { phase: 'scanned', label: 'Scanned' },
  { phase: 'token_issued', label: 'Code accepted' },
  { phase: 'claimed', label: 'Issued' },
  { phase: 'accepted', label: 'Accepted' },
];

/** How far along `progressSteps` a phase is; -1 for endings off the happy path. */
export const stepIndex = (phase: OfferPhase): number => progressSteps.findIndex((s) => s.phase === phase);

/** How long a finished offer stays on screen before the counter comes back. */
export function returnDelayMs(view: PhaseView): number | undefined {
  if (view.phase === 'claimed') return 15_000; // wait a little for the wallet's "accepted"
  if (view.success) return 5_000;
  if (view.done) return 8_000;
  return undefined;
}

/** Short labels for lists (open offers). */
export const statusLabel = (status: OfferStatus): string => (status === 'pending' ? 'Waiting' : views[status].label);
