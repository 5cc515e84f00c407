import { describe, expect, it } from 'vitest';
import { offerStatuses } from '../../../shared/api/z-pre-authorized-offer';
import { en } from '../i18n/locales/en';
import { endedWithoutIssuing, offerPhase, phaseView, progressSteps, returnDelayMs, stepIndex } from './offer-status';

describe('offer status view', () => {
  it('splits pending into waiting and scanned', () => {
    expect(offerPhase(undefined)).toBe('waiting');
    expect(offerPhase({ status: 'pending' })).toBe('waiting');
    expect(offerPhase({ status: 'pending', scannedAt: '2026-01-01T00:00:00Z' })).toBe('scanned');
    expect(offerPhase({ status: 'token_issued', scannedAt: '2026-01-01T00:00:00Z' })).toBe('token_issued');
  });

  it('maps every engine status to words and a tone', () => {
    for (const status of offerStatuses) {
      const view = phaseView({ status });
      expect(en.offer.phases[view.phase].label).not.toBe('');
      expect(['neutral', 'progress', 'success', 'warning', 'danger']).toContain(view.tone);
      expect(en.openOffers.statuses[status]).not.toBe('');
    }
    for (const step of progressSteps) expect(en.offer.steps[step]).not.toBe('');
    expect(phaseView({ status: 'claimed' })).toMatchObject({ tone: 'success', success: true, done: false });
    expect(phaseView({ status: 'locked' })).toMatchObject({ tone: 'danger', done: true, success: false });
  });

  it('shows the QR and code only while they can still be used', () => {
    expect(phaseView({ status: 'pending' }).showCode).toBe(true);
    expect(phaseView({ status: 'pending', scannedAt: 'x' }).showCode).toBe(true);
    for (const status of ['token_issued', 'claimed', 'accepted', 'expired', 'cancelled', 'locked'] as const) {
      expect(phaseView({ status }).showCode).toBe(false);
    }
  });

  it('returns to the counter by itself only after success', () => {
    expect(returnDelayMs(phaseView({ status: 'pending' }))).toBeUndefined();
    expect(returnDelayMs(phaseView({ status: 'token_issued' }))).toBeUndefined();
    expect(returnDelayMs(phaseView({ status: 'accepted' }))).toBeLessThan(returnDelayMs(phaseView({ status: 'claimed' }))!);
    for (const status of ['expired', 'cancelled', 'locked'] as const) {
      expect(returnDelayMs(phaseView({ status }))).toBeUndefined();
      expect(endedWithoutIssuing(phaseView({ status }))).toBe(true);
    }
    expect(endedWithoutIssuing(phaseView({ status: 'accepted' }))).toBe(false);
  });

  it('orders the happy path', () => {
    expect(stepIndex('waiting')).toBeLessThan(stepIndex('scanned'));
    expect(stepIndex('claimed')).toBeLessThan(stepIndex('accepted'));
    expect(stepIndex('expired')).toBe(-1);
  });
});
