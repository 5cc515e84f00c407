// Well-formed requests with real secrets, for setting up the pools (any failure fails the setup).
import { preAuthorizedCode } from '../../support/fixtures';
import { PRE_AUTH_GRANT } from './constants';
import { FUZZ_CLAIMS } from './marker';
import { send, type Sent } from './raw-http';
import { fail } from './response-checks';
import { redeemedCodes, references, seed, type PoolOffer } from './seed';
import { underTest } from './server-under-test';

export async function managementJson<T>(method: string, path: string, body: unknown, token = underTest().server.adminToken): Promise<T> {
  const req: Sent = {
    method,
    path,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
  const res = await send(req);
  if (res.status >= 300) fail('setup request failed', req, res);
  return res.json as T;
}

export async function newOffer(overrides: Record<string, unknown> = {}): Promise<{ offer: PoolOffer; uri: string }> {
  const created = await managementJson<{ id: string; uri: string; transactionCode?: number | string }>(
    'POST',
    '/v1/openid/offers/pre-authorized',
    {
      credentials: [seed().mdlId],
      claims: FUZZ_CLAIMS,
      transactionCodeConfiguration: { inputMode: 'numeric' },
      ...overrides,
    },
  );
  const url = new URL(created.uri);
  const byReference = url.searchParams.get('credential_offer_uri');
  let code: string;
  if (byReference) {
    const reference = decodeURIComponent(new URL(byReference).pathname.split('/').pop()!);
    references.push(reference);
    const res = await send({ method: 'GET', path: new URL(byReference).pathname });
    code = (res.json as { grants: Record<string, { 'pre-authorized_code': string }> }).grants[PRE_AUTH_GRANT]!['pre-authorized_code'];
  } else {
    code = preAuthorizedCode(created.uri);
  }
  const offer: PoolOffer = {
    id: created.id,
    code,
    ...(created.transactionCode !== undefined ? { txCode: String(created.transactionCode) } : {}),
  };
  return { offer, uri: created.uri };
}

export const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

export async function redeem(offer: PoolOffer): Promise<string> {
  const req: Sent = {
    method: 'POST',
    path: '/v1/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': offer.code, ...(offer.txCode ? { tx_code: offer.txCode } : {}) }),
  };
  const res = await send(req);
  if (res.status !== 200) fail('setup redemption failed', req, res);
  redeemedCodes.add(offer.code);
  return (res.json as { access_token: string }).access_token;
}

export async function freshNonce(): Promise<string> {
  const res = await send({ method: 'POST', path: '/v1/openid/nonce' });
  if (res.status !== 200) fail('nonce endpoint failed', { method: 'POST', path: '/v1/openid/nonce' }, res);
  return (res.json as { c_nonce: string }).c_nonce;
}
