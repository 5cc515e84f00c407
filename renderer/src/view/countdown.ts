import type { TFunction } from 'i18next';

/**
 * When the offer ends by this screen's clock. Counted from when the request was sent, not from the
 * server's `expiresAt`: the browser and the server clocks may differ, and this way the countdown
 * can only run out early, never late.
 */
export const localDeadline = (sentAtMs: number, expiresInSeconds: number): number => sentAtMs + expiresInSeconds * 1_000;

/** Whole seconds left, rounded up so that "0:00" means it is over. */
export const secondsLeft = (deadlineMs: number, nowMs: number): number => Math.max(0, Math.ceil((deadlineMs - nowMs) / 1_000));

/** 299 → "4:59", 3600 → "60:00". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** For screen readers: 299 → "4 minutes 59 seconds". */
export function spokenCountdown(seconds: number, t: TFunction): string {
  const s = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  const parts = [];
  if (minutes) parts.push(t('countdown.minutes', { count: minutes }));
  if (rest || !minutes) parts.push(t('countdown.seconds', { count: rest }));
  return parts.join(' ');
}

/** Below this the countdown turns to the warning tone. */
export const COUNTDOWN_WARNING_SECONDS = 30;
