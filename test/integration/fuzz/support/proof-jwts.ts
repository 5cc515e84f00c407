// Proof JWTs for the credential endpoint: recipes (valid or slightly off) and outright garbage.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { anyJson, nastyString, withKeys } from './nasty-values';
import { seed } from './seed';
import { underTest } from './server-under-test';
import { freshNonce } from './valid-requests';

export const b64u = (data: Uint8Array | ArrayBuffer | string) =>
  (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data instanceof Uint8Array ? data : new Uint8Array(data))).toString(
    'base64url',
  );

async function signJws(key: CryptoKey, header: unknown, payload: unknown): Promise<string> {
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(input));
  return `${input}.${b64u(signature)}`;
}

type JwkVariant =
  | 'canonical'
  | 'padded'
  | 'standard-base64'
  | 'whitespace'
  | 'extras'
  | 'private-d'
  | 'other-key'
  | 'p384'
  | 'numbers'
  | 'missing-y'
  | 'rsa'
  | 'none';
interface ProofRecipe {
  kind: 'jwt';
  typ: string | undefined;
  alg: string | undefined;
  jwk: JwkVariant;
  extraHeader: [string, unknown][];
  aud: 'issuer' | 'issuer-slash' | 'array' | 'other' | 'missing' | 'number';
  iat: 'now' | 'stale' | 'future' | 'string' | 'missing' | 'huge' | 'negative';
  nonce: 'fresh' | 'used' | 'random' | 'missing' | 'number' | 'empty';
  signature: 'valid' | 'garbage' | 'empty' | 'truncated' | 'swapped-payload' | 'extra-segment';
}
interface GarbageProof {
  kind: 'garbage';
  value: string;
}
export type ProofSpec = ProofRecipe | GarbageProof;

const recipeArb: fc.Arbitrary<ProofRecipe> = fc.record({
  kind: fc.constant('jwt' as const),
  typ: fc.oneof(
    { arbitrary: fc.constant<string | undefined>('openid4vci-proof+jwt'), weight: 6 },
    { arbitrary: fc.constantFrom(undefined, 'JWT', 'OPENID4VCI-PROOF+JWT', 'application/openid4vci-proof+jwt', ''), weight: 1 },
  ),
  alg: fc.oneof(
    { arbitrary: fc.constant<string | undefined>('ES256'), weight: 6 },
    { arbitrary: fc.constantFrom(undefined, 'none', 'HS256', 'ES384', 'RS256', 'es256', 'EdDSA'), weight: 1 },
  ),
  jwk: fc.oneof(
    { arbitrary: fc.constant<JwkVariant>('canonical'), weight: 8 },
    {
      arbitrary: fc.constantFrom<JwkVariant>(
        'padded',
        'standard-base64',
        'whitespace',
        'extras',
        'private-d',
        'other-key',
        'p384',
        'numbers',
        'missing-y',
        'rsa',
        'none',
      ),
      weight: 3,
    },
  ),
  extraHeader: fc.oneof(
    { arbitrary: fc.constant<[string, unknown][]>([]), weight: 6 },
    {
      arbitrary: fc.array(fc.tuple(fc.constantFrom('kid', 'x5c', 'crit', 'b64', 'zip', '__proto__', 'trust_chain'), anyJson), {
        maxLength: 2,
      }),
      weight: 1,
    },
  ),
  aud: fc.oneof(
    { arbitrary: fc.constant('issuer' as const), weight: 6 },
    {
      arbitrary: fc.constantFrom('issuer-slash' as const, 'array' as const, 'other' as const, 'missing' as const, 'number' as const),
      weight: 1,
    },
  ),
  iat: fc.oneof(
    { arbitrary: fc.constant('now' as const), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        'stale' as const,
        'future' as const,
        'string' as const,
        'missing' as const,
        'huge' as const,
        'negative' as const,
      ),
      weight: 1,
    },
  ),
  nonce: fc.oneof(
    { arbitrary: fc.constant('fresh' as const), weight: 6 },
    { arbitrary: fc.constantFrom('used' as const, 'random' as const, 'missing' as const, 'number' as const, 'empty' as const), weight: 1 },
  ),
  signature: fc.oneof(
    { arbitrary: fc.constant('valid' as const), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        'garbage' as const,
        'empty' as const,
        'truncated' as const,
        'swapped-payload' as const,
        'extra-segment' as const,
      ),
      weight: 1,
    },
  ),
});

const garbageProofArb: fc.Arbitrary<GarbageProof> = fc
  .oneof(
    nastyString,
    fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((parts) => parts.join('.')),
    fc.tuple(anyJson, anyJson).map(([h, p]) => `${b64u(JSON.stringify(h) ?? '')}.${b64u(JSON.stringify(p) ?? '')}.`),
    fc.constantFrom('eyJ', 'eyJ.eyJ.', '...', 'a.b.c.d.e', 'eyJhbGciOiJFUzI1NiJ9..', '.'),
  )
  .map((value) => ({ kind: 'garbage' as const, value }));

export const proofSpecArb: fc.Arbitrary<ProofSpec> = fc.oneof(
  { arbitrary: recipeArb, weight: 5 },
  { arbitrary: garbageProofArb, weight: 1 },
);

/** The nonce of the last proof built, and one known to be spent (a credential was issued with it). */
let lastNonce = '';
let spentNonce = '';

/** A credential was issued for the last proof built: its nonce is now a spent one. */
export function markLastNonceSpent(): void {
  spentNonce = lastNonce;
}

function jwkFor(variant: JwkVariant): unknown {
  const { deviceKey, otherKey } = seed();
  const { x, y } = deviceKey.publicJwk;
  const std = (s: string) => s.replace(/-/g, '+').replace(/_/g, '/');
  switch (variant) {
    case 'canonical':
      return { kty: 'EC', crv: 'P-256', x, y };
    case 'padded':
      return { kty: 'EC', crv: 'P-256', x: `${x}=`, y: `${y}=` };
    case 'standard-base64':
      return { kty: 'EC', crv: 'P-256', x: std(x), y: std(y) };
    case 'whitespace':
      return { kty: 'EC', crv: 'P-256', x: `${x} `, y: `\n${y}` };
    case 'extras':
      return { kty: 'EC', crv: 'P-256', x, y, kid: 'k1', use: 'sig', alg: 'ES256', key_ops: ['verify'], ext: true };
    case 'private-d':
      return { kty: 'EC', crv: 'P-256', x, y, d: b64u(randomBytes(32)) };
    case 'other-key':
      return otherKey.publicJwk;
    case 'p384':
      return { kty: 'EC', crv: 'P-384', x, y };
    case 'numbers':
      return { kty: 'EC', crv: 'P-256', x: 1, y: 2 };
    case 'missing-y':
      return { kty: 'EC', crv: 'P-256', x };
    case 'rsa':
      return { kty: 'RSA', n: x, e: 'AQAB' };
    case 'none':
      return undefined;
  }
}

/** Whether a credential may plausibly be issued for this proof (the rest is the server's call). */
export const proofCouldBeValid = (p: ProofSpec) =>
  p.kind === 'jwt' && p.signature === 'valid' && p.nonce === 'fresh' && p.alg === 'ES256' && p.typ === 'openid4vci-proof+jwt';

export async function buildProof(spec: ProofSpec): Promise<string> {
  if (spec.kind === 'garbage') return spec.value;
  const { server } = underTest();
  const now = Math.floor(Date.now() / 1000);
  const header: Record<string, unknown> = {};
  if (spec.alg !== undefined) header.alg = spec.alg;
  if (spec.typ !== undefined) header.typ = spec.typ;
  const jwk = jwkFor(spec.jwk);
  if (jwk !== undefined) header.jwk = jwk;
  const fullHeader = withKeys(header, spec.extraHeader);

  const payload: Record<string, unknown> = {};
  const aud = {
    issuer: server.url,
    'issuer-slash': `${server.url}/`,
    array: [server.url, 'https://other.example'],
    other: 'https://issuer.example',
    missing: undefined,
    number: 42,
  }[spec.aud];
  if (aud !== undefined) payload.aud = aud;
  const iat = { now, stale: now - 3_600, future: now + 3_600, string: String(now), missing: undefined, huge: 1e20, negative: -1 }[spec.iat];
  if (iat !== undefined) payload.iat = iat;
  if (spec.nonce === 'fresh') {
    payload.nonce = await freshNonce();
    lastNonce = payload.nonce as string;
  } else if (spec.nonce === 'used') payload.nonce = spentNonce || 'never-issued';
  else if (spec.nonce === 'random') payload.nonce = b64u(randomBytes(32));
  else if (spec.nonce === 'number') payload.nonce = 12345;
  else if (spec.nonce === 'empty') payload.nonce = '';

  const jwt = await signJws(seed().deviceKey.privateKey, fullHeader, payload);
  const [h, p, s] = jwt.split('.') as [string, string, string];
  switch (spec.signature) {
    case 'valid':
      return jwt;
    case 'garbage':
      return `${h}.${p}.${b64u(randomBytes(64))}`;
    case 'empty':
      return `${h}.${p}.`;
    case 'truncated':
      return `${h}.${p}.${s.slice(0, 40)}`;
    case 'swapped-payload':
      return `${h}.${b64u(JSON.stringify({ ...payload, aud: 'https://swapped.example' }))}.${s}`;
    case 'extra-segment':
      return `${jwt}.${s}`;
  }
}
