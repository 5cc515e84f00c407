import type { EngineContext } from '../context';
import { invalidGrant, invalidRequest, WrongGuessError } from '../errors/oauth-error';
import { openOfferClaims } from '../claims/offer-claims';
import type { Grant } from './grant';
import { constantTimeEqual, sha256 } from '../util/secrets';
import { txCodeHash } from '../offers/offer-secrets';
import { effectiveStatus } from '../offers/offer-view';

const WHY_NOT: Record<string, string> = {
  token_issued: 'the pre-authorized code has already been used',
  claimed: 'the pre-authorized code has already been used',
  accepted: 'the pre-authorized code has already been used',
  expired: 'the offer has expired',
  cancelled: 'the offer was cancelled',
  locked: 'the offer is locked after too many wrong transaction codes',
};

/** OID4VCI 1.0 §6.1: the pre-authorized code and, when the offer has one, its tx_code (three strikes). */
export async function preAuthorizedGrant(
  ctx: EngineContext,
  form: Record<string, string>,
  found: (offerId: string) => void,
): Promise<Grant> {
  const code = form['pre-authorized_code'];
  if (!code) throw invalidRequest('pre-authorized_code is required');
  const offer = await ctx.stores.offers.getByCodeHash(sha256(code));
  if (!offer || offer.kind !== 'pre_authorized') throw new WrongGuessError('the pre-authorized code is not valid');
  found(offer.id);
  const now = ctx.clock.now();
  const status = effectiveStatus(offer, now);
  if (status !== 'pending') throw invalidGrant(WHY_NOT[status] ?? 'the offer is not open');

  // Drafts ≤ 12 called tx_code user_pin.
  const txCode = form.tx_code ?? form.user_pin;
  if (offer.txCode) {
    if (txCode === undefined || txCode === '') throw invalidRequest('tx_code is required for this offer');
    if (!constantTimeEqual(txCodeHash(code, txCode), offer.txCode.hash)) {
      const strike = await ctx.stores.offers.strike(offer.id, ctx.settings.maxTxCodeStrikes, now);
      ctx.offerChanges.notify(offer.id);
      if (strike?.locked) throw new WrongGuessError('wrong transaction code; the offer is now locked');
      const left = ctx.settings.maxTxCodeStrikes - (strike?.strikes ?? ctx.settings.maxTxCodeStrikes);
      throw new WrongGuessError(`wrong transaction code; ${left} attempt${left === 1 ? '' : 's'} left`);
    }
  } else if (txCode !== undefined && txCode !== '') {
    throw invalidRequest('this offer has no transaction code, but tx_code was sent');
  }
  return { offer, openClaims: () => openOfferClaims(offer, 'pre-authorized_code', code) };
}
