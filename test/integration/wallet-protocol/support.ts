// Shared steps of the wallet-protocol tests (DESIGN §12): the policy, raw token and credential
// requests with DPoP (test/support/dpop-client.ts), errors read back in the OAuth shape.
import type { CounterServer } from '../support/counter-server';
import { dpopProof, type DpopKey } from '../../support/dpop-client';
import { preAuthorizedCode, type CreatedOffer } from '../support/fixtures';

export async function setPolicy(server: CounterServer, policy: Record<string, unknown>): Promise<void> {
  const response = await server.api('/v1/counter/wallet-policy', { method: 'PUT', json: policy });
  if (response.status !== 200) throw new Error(`policy not set: ${response.status} ${await response.text()}`);
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A pre-authorized token request, with whatever headers (DPoP, attestation) the test adds. */
export async function tokenRequest(server: CounterServer, offer: CreatedOffer, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(
    await fetch(`${server.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': preAuthorizedCode(offer.uri),
        ...(offer.transactionCode !== undefined ? { tx_code: String(offer.transactionCode) } : {}),
      }),
    }),
  );
}

export const tokenProof = (server: CounterServer, key: DpopKey, extra: Partial<Parameters<typeof dpopProof>[1]> = {}) =>
  dpopProof(key, { htm: 'POST', htu: `${server.url}/v1/oauth/token`, ...extra });

export async function nonce(server: CounterServer): Promise<{ cNonce: string; dpopNonce: string | null }> {
  const response = await fetch(`${server.url}/v1/openid/nonce`, { method: 'POST' });
  return { cNonce: ((await response.json()) as { c_nonce: string }).c_nonce, dpopNonce: response.headers.get('dpop-nonce') };
}

/** A credential request with an Authorization header and, maybe, a DPoP proof. */
export async function credentialRequest(server: CounterServer, authorization: string, body: unknown, dpop?: string): Promise<Answer> {
  return answer(
    await fetch(`${server.url}/v1/openid/credential`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', ...(dpop ? { dpop } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

export async function notificationRequest(server: CounterServer, authorization: string, body: unknown, dpop?: string): Promise<Answer> {
  return answer(
    await fetch(`${server.url}/v1/openid/notification`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', ...(dpop ? { dpop } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

export async function events(server: CounterServer, type: string): Promise<Record<string, unknown>[]> {
  const response = await server.api(`/v1/analytics/events?type=${type}&limit=100`);
  return ((await response.json()) as { data: { data: Record<string, unknown> }[] }).data.map((e) => e.data);
}
