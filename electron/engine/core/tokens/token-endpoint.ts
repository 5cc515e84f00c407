import type { EngineContext, RequestInfo } from '../context';
import { invalidGrant, invalidRequest, OAuthError } from '../errors/oauth-error';
import { constantTimeEqual, newSecret, sha256 } from '../util/secrets';
import { PRE_AUTHORIZED_GRANT } from '../offers/credential-offer';
import { txCodeHash } from '../offers/offer-secrets';
import { effectiveStatus } from '../offers/offer-view';
import { issueNonce } from './nonces';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  /** Drafts 13–14 take the first nonce from here; 1.0 wallets use the nonce endpoint. */
  c_nonce: string;
  c_nonce_expires_in: number;
}

const WHY_NOT: Record<string, string> = {
  token_issued: 'the pre-authorized code has already been used',
  claimed: 'the pre-authorized code has already been used',
  accepted: 'the pre-authorized code has already been used',
  expired: 'the offer has expired',
  cancelled: 'the offer was cancelled',
  locked: 'the offer is locked after too many wrong transaction codes',
};

/** POST /v1/oauth/token, pre-authorized grant (OID4VCI 1.0 §6.1, RFC 6749 §5). */
export function exchangeToken(ctx: EngineContext, form: Record<string, string>, request: RequestInfo): Promise<TokenResponse> {
  const data: Record<string, string> = { grantType: form.grant_type ?? '' };
  return ctx.events.operation('OPENID_TOKEN', request, data, async () => {
    if (!form.grant_type) throw invalidRequest('grant_type is required');
    if (form.grant_type !== PRE_AUTHORIZED_GRANT) {
      throw new OAuthError(400, 'unsupported_grant_type', `grant_type ${form.grant_type} is not supported`);
    }
    const code = form['pre-authorized_code'];
    if (!code) throw invalidRequest('pre-authorized_code is required');

    const offer = await ctx.stores.offers.getByCodeHash(sha256(code));
    if (!offer) throw invalidGrant('the pre-authorized code is not valid');
    data.offerId = offer.id;
    const now = ctx.clock.now();
    const status = effectiveStatus(offer, now);
    if (status !== 'pending') throw invalidGrant(WHY_NOT[status] ?? 'the offer is not open');

    // OID4VCI 1.0 §6.1: tx_code; drafts ≤ 12 called it user_pin.
    const txCode = form.tx_code ?? form.user_pin;
    if (offer.txCode) {
      if (txCode === undefined || txCode === '') throw invalidRequest('tx_code is required for this offer');
      if (!constantTimeEqual(txCodeHash(code, txCode), offer.txCode.hash)) {
        const strike = await ctx.stores.offers.strike(offer.id, ctx.settings.maxTxCodeStrikes, now);
        ctx.offerChanges.notify(offer.id);
        if (strike?.locked) throw invalidGrant('wrong transaction code; the offer is now locked');
        const left = ctx.settings.maxTxCodeStrikes - (strike?.strikes ?? ctx.settings.maxTxCodeStrikes);
        throw invalidGrant(`wrong transaction code; ${left} attempt${left === 1 ? '' : 's'} left`);
      }
    } else if (txCode !== undefined && txCode !== '') {
      throw invalidRequest('this offer has no transaction code, but tx_code was sent');
    }

    const accessToken = newSecret(ctx.random);
    const expiresIn = ctx.settings.accessTokenSeconds;
    // One token per code, ever: the conditional update decides between concurrent requests.
    if (!(await ctx.stores.offers.redeem(offer.id, { hash: sha256(accessToken), expiresAt: now + expiresIn * 1000 }, now))) {
      throw invalidGrant('the pre-authorized code has already been used');
    }
    ctx.offerChanges.notify(offer.id);
    const nonce = await issueNonce(ctx);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, c_nonce: nonce.c_nonce, c_nonce_expires_in: nonce.expires_in };
  });
}
