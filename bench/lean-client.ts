// The load generator's own cost must stay small next to the server's on a 2-core machine, so
// the benchmark's client uses node:http with keep-alive and node:crypto directly (jose's
// WebCrypto path costs ~0.5 ms per signature here). Tests use the real wallet libraries instead.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { RawIssuanceTarget, Step } from '../test/support/raw-issuance';
import { routeTable } from '../shared/routes/route-table';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function call(
  url: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const b64u = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function es256Jwt(header: object, payload: object, key: KeyObject): string {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  return `${input}.${b64u(sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }))}`;
}

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return { privateKey, jwk: { kty, crv, x, y } };
}

/** An openid4vci-proof+jwt (ES256, jwk header) signed with node:crypto, for a fresh device key. */
function proofJwt(audience: string, nonce: string): string {
  const { privateKey, jwk } = newKey();
  return es256Jwt(
    { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk },
    { aud: audience, iat: Math.floor(Date.now() / 1000), nonce },
    privateKey,
  );
}

/** RFC 9449 §4.2: a DPoP proof for one request (ath for a protected resource). */
function dpopProof(key: ReturnType<typeof newKey>, htu: string, accessToken?: string, nonce?: string): string {
  return es256Jwt(
    { typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk },
    {
      htm: 'POST',
      htu,
      iat: Math.floor(Date.now() / 1000),
      jti: randomBytes(12).toString('base64url'),
      ...(accessToken ? { ath: b64u(createHash('sha256').update(accessToken).digest()) } : {}),
      ...(nonce ? { nonce } : {}),
    },
    key.privateKey,
  );
}

/** What a flow exercises of the 2026 wallet protocol (DESIGN §12). */
export interface FlowOptions {
  /** A DPoP-bound token (RFC 9449), proofs at the token and credential requests. */
  dpop?: boolean;
  /** Device keys, hence mDocs, in the one credential request (batch issuance); 1 by default. */
  copies?: number;
}

async function expect(step: Step, response: Promise<{ status: number; text: string }>, status: number) {
  const r = await response;
  if (r.status !== status) throw new Error(`${step}: HTTP ${r.status}: ${r.text.slice(0, 300)}`);
  return JSON.parse(r.text);
}

/** Several processes behind one issuer URL (DESIGN §13): each request goes to the next, as a round-robin balancer would. */
export interface LeanTarget extends RawIssuanceTarget {
  urls?: string[];
}

let turn = 0;

/** offer → token → nonce → credential with fresh device keys, timing each step. */
export async function leanIssueOnce(t: LeanTarget, onStep?: (step: Step, ms: number) => void, flow: FlowOptions = {}): Promise<void> {
  const urls = (t.urls ?? [t.url]).map((u) => new URL(u));
  const next = () => urls[(turn = (turn + 1) % urls.length)]!;
  const timed = async <T>(step: Step, run: () => Promise<T>) => {
    const start = performance.now();
    const result = await run();
    onStep?.(step, performance.now() - start);
    return result;
  };
  const json = { 'content-type': 'application/json' };
  const offer = await timed('offer', () =>
    expect(
      'offer',
      call(
        next(),
        'POST',
        routeTable.createPreAuthorizedOffer.path,
        { ...json, authorization: `Bearer ${t.adminToken}` },
        JSON.stringify({ credentials: [t.configurationId], claims: t.claims, transactionCodeConfiguration: { inputMode: 'numeric' } }),
      ),
      201,
    ),
  );
  const code = JSON.parse(new URL(offer.uri).searchParams.get('credential_offer')!).grants[
    'urn:ietf:params:oauth:grant-type:pre-authorized_code'
  ]['pre-authorized_code'];
  const form = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
    'pre-authorized_code': code,
    tx_code: String(offer.transactionCode),
  }).toString();
  const issuer = t.audience ?? t.url;
  const dpopKey = flow.dpop ? newKey() : undefined;
  const tokenHeaders = {
    'content-type': 'application/x-www-form-urlencoded',
    ...(dpopKey ? { dpop: dpopProof(dpopKey, issuer + routeTable.token.path) } : {}),
  };
  const token = await timed('token', () => expect('token', call(next(), 'POST', routeTable.token.path, tokenHeaders, form), 200));
  const { c_nonce } = await timed('nonce', () => expect('nonce', call(next(), 'POST', routeTable.nonce.path, {}), 200));
  const body = JSON.stringify({
    credential_configuration_id: t.configurationId,
    proofs: { jwt: Array.from({ length: flow.copies ?? 1 }, () => proofJwt(issuer, c_nonce)) },
  });
  const authorization: Record<string, string> = dpopKey
    ? { authorization: `DPoP ${token.access_token}`, dpop: dpopProof(dpopKey, issuer + routeTable.credential.path, token.access_token) }
    : { authorization: `Bearer ${token.access_token}` };
  const issued = await timed('credential', () =>
    expect('credential', call(next(), 'POST', routeTable.credential.path, { ...json, ...authorization }, body), 200),
  );
  if ((issued.credentials as unknown[]).length !== (flow.copies ?? 1)) throw new Error(`credential: ${issued.credentials.length} copies`);
}
