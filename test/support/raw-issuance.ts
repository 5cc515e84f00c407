// One complete pre-authorized issuance with plain fetch and jose (no wallet library), cheap
// enough to drive load: the benchmark and the crash-safety test use it.
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export type Step = 'offer' | 'token' | 'nonce' | 'credential';

export interface RawIssuanceTarget {
  url: string;
  adminToken: string;
  configurationId: string;
  claims: unknown;
  /** The credential_issuer, when it is not `url` (several processes behind one issuer URL). */
  audience?: string;
}

export class StepFailed extends Error {
  constructor(
    readonly step: Step,
    readonly status: number,
    body: string,
  ) {
    super(`${step}: HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

async function json(step: Step, response: Response, expected: number) {
  const body = await response.text();
  if (response.status !== expected) throw new StepFailed(step, response.status, body);
  return JSON.parse(body);
}

/**
 * Runs offer → token → nonce → credential with a fresh device key. `onStep` sees each step's
 * latency and what it acknowledged (the offer id after the 201, the credential after the 200).
 */
export async function issueOnce(
  t: RawIssuanceTarget,
  onStep: (step: Step, ms: number, acknowledged?: string) => void = () => {},
): Promise<{ offerId: string; credential: string }> {
  const timed = async <T>(step: Step, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await run();
    onStep(step, performance.now() - start, step === 'offer' ? (result as { id: string }).id : undefined);
    return result;
  };
  const offer = await timed('offer', async () =>
    json(
      'offer',
      await fetch(`${t.url}/v1/openid/offers/pre-authorized`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          credentials: [t.configurationId],
          claims: t.claims,
          transactionCodeConfiguration: { inputMode: 'numeric' },
        }),
      }),
      201,
    ),
  );
  const code = JSON.parse(new URL(offer.uri).searchParams.get('credential_offer')!).grants[
    'urn:ietf:params:oauth:grant-type:pre-authorized_code'
  ]['pre-authorized_code'];
  const token = await timed('token', async () =>
    json(
      'token',
      await fetch(`${t.url}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
          'pre-authorized_code': code,
          tx_code: String(offer.transactionCode),
        }),
      }),
      200,
    ),
  );
  const { c_nonce } = await timed('nonce', async () => json('nonce', await fetch(`${t.url}/v1/openid/nonce`, { method: 'POST' }), 200));
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const { kty, crv, x, y } = await exportJWK(publicKey);
  const proof = await new SignJWT({ nonce: c_nonce })
    .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: { kty, crv, x, y } })
    .setAudience(t.audience ?? t.url)
    .setIssuedAt()
    .sign(privateKey);
  const response = await timed('credential', async () =>
    json(
      'credential',
      await fetch(`${t.url}/v1/openid/credential`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ credential_configuration_id: t.configurationId, proofs: { jwt: [proof] } }),
      }),
      200,
    ),
  );
  return { offerId: offer.id, credential: response.credentials[0].credential };
}
