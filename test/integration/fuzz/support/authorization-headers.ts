// Authorization headers for the management API: the admin's, an issuer's, none, or a near miss.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { nastyShort } from './nasty-values';
import { seed } from './seed';
import { underTest } from './server-under-test';
import { headerSafe } from './urls-and-headers';

export type AuthKind = 'admin' | 'issuer' | 'none' | 'invalid';
export interface AuthSpec {
  kind: AuthKind;
  header?: string | string[];
}

export function authArb(): fc.Arbitrary<AuthSpec> {
  const { server } = underTest();
  const { issuerToken } = seed();
  const invalid: fc.Arbitrary<AuthSpec> = fc
    .oneof(
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic YWRtaW46YWRtaW4=',
        `Token ${server.adminToken}`,
        server.adminToken,
        `Bearer ${server.adminToken}x`,
        `Bearer ${server.adminToken.slice(1)}`,
        `Bearer ${server.adminToken} extra`,
        `Bearer ${randomBytes(24).toString('base64url')}`,
        'Bearer ' + 'A'.repeat(8000),
      ),
      fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => headerSafe(`Bearer ${s}`)),
      nastyShort.map((s) => headerSafe(s)),
    )
    // Not empty (no header at all is 'none'), and never a valid credential by accident.
    .filter((h) => h.trim() !== '' && ![server.adminToken, issuerToken].includes(/^Bearer\s+(\S+)$/i.exec(h.trim())?.[1] ?? ''))
    .map((header) => ({ kind: 'invalid' as const, header }));
  return fc.oneof(
    { arbitrary: fc.constant<AuthSpec>({ kind: 'admin', header: `Bearer ${server.adminToken}` }), weight: 8 },
    { arbitrary: fc.constant<AuthSpec>({ kind: 'issuer', header: `Bearer ${issuerToken}` }), weight: 2 },
    { arbitrary: fc.constant<AuthSpec>({ kind: 'none' }), weight: 1 },
    { arbitrary: invalid, weight: 2 },
  );
}
