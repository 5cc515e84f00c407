import { describe, expect, it } from 'vitest';
import { errorShapeOfPath, familyOfPath, matchPath, parseSegment, routePath, routesForPath, servedBy } from './route-paths';
import type { RouteSpec } from './route-spec';
import { routeIds, routeTable } from './route-table';

const entries = routeIds.map((id) => [id, routeTable[id] as RouteSpec] as const);
const segments = (path: string) => path.split('/').slice(1);
/** Whether some one value could match both pattern segments. */
function segmentsOverlap(a: string, b: string): boolean {
  const [x, y] = [parseSegment(a), parseSegment(b)];
  if ('literal' in x && 'literal' in y) return x.literal === y.literal;
  if ('param' in x && 'param' in y) return true;
  return 'param' in x ? x.accepts((y as { literal: string }).literal) : (y as { accepts: (v: string) => boolean }).accepts(a);
}

describe('the route table', () => {
  it('has no two routes that match the same method and path, so registration order means nothing', () => {
    const overlaps: string[] = [];
    for (const [i, [a, ra]] of entries.entries()) {
      for (const [b, rb] of entries.slice(i + 1)) {
        if (ra.method !== rb.method || ra.path.endsWith('*') || rb.path.endsWith('*')) continue;
        const [sa, sb] = [segments(ra.path), segments(rb.path)];
        const clash = sa.length === sb.length && sa.every((s, k) => segmentsOverlap(s, sb[k]!));
        // A literal segment beside a parameter would make the router's order decide: not allowed either.
        if (clash) overlaps.push(`${a} ${ra.method} ${ra.path} ~ ${b} ${rb.path}`);
      }
    }
    expect(overlaps).toEqual([]);
  });

  it('gives management routes a role and the clerk listener, and phones only public routes', () => {
    // DESIGN §14: on the clerk's listener, a clerk signs in with a PIN, and the customer display
    // (which holds no management token) asks for its pairing code and follows its own stream.
    const publicManagement = ['signInClerk', 'createDisplay', 'watchDisplay'];
    for (const [id, r] of entries) {
      if (r.family === 'management')
        expect([id, r.listener, publicManagement.includes(id) ? r.role === 'public' : ['issuer', 'admin'].includes(r.role)]).toEqual([
          id,
          'clerk',
          true,
        ]);
      else expect([id, ['public', 'accessToken'].includes(r.role)]).toEqual([id, true]);
      if (r.family === 'ui' || r.family === 'operations') expect([id, r.listener]).toEqual([id, 'clerk']);
      if (['wallet', 'holder'].includes(r.family)) expect([id, r.listener]).toEqual([id, 'wallet']);
    }
  });

  it('marks every answer that carries a code, token or tx_code no-store', () => {
    for (const id of ['createPreAuthorizedOffer', 'createApiToken', 'token', 'pushAuthorizationRequest', 'nonce', 'credential'] as const) {
      expect([id, (routeTable[id] as RouteSpec).noStore]).toEqual([id, true]);
    }
  });
});

describe('paths read against the table', () => {
  it('matches parameters and builds paths with them encoded', () => {
    expect(matchPath('/v1/openid/offers/pre-authorized/:id/events', '/v1/openid/offers/pre-authorized/abc/events')).toEqual({ id: 'abc' });
    expect(matchPath('/v1/openid/offers/:id', '/v1/openid/offers/')).toBeUndefined();
    expect(matchPath('/*', '/anything/at/all')).toEqual({});
    expect(routePath(routeTable.approveAuthorization.path, { id: 'a/b' })).toBe('/v1/openid/authorizations/a%2Fb/approve');
    expect(() => routePath(routeTable.approveAuthorization.path, {})).toThrow(/missing path parameter id/);
    // A parameter of one character class takes only values of it, and is filled in like any other.
    expect(matchPath('/v2/credentials/mobile/:credentialId{[0-9a-f-]+}/status', '/v2/credentials/mobile/0a-1f/status')).toEqual({
      credentialId: '0a-1f',
    });
    expect(
      matchPath('/v2/credentials/mobile/:credentialId{[0-9a-f-]+}/status', '/v2/credentials/mobile/configurations/status'),
    ).toBeUndefined();
    expect(routePath('/x/:id{[0-9]+}/y', { id: '42' })).toBe('/x/42/y');
  });

  it('names the routes of a path; the UI only takes what no other route does', () => {
    // DELETE /v1/openid/offers/{id} with the id "pre-authorized" (a 400 for a malformed id).
    expect(routesForPath('/v1/openid/offers/pre-authorized').sort()).toEqual([
      'createPreAuthorizedOffer',
      'listPreAuthorizedOffers',
      'revokeCodeOffer',
    ]);
    expect(routesForPath('/v1/oauth/token')).toEqual(['token']);
    expect(routesForPath('/offers/today')).toEqual(['counterUi']);
  });

  it('gives every path an error shape: its route family, else the family it shares the most segments with', () => {
    expect(familyOfPath('/v1/openid/offers/pre-authorized/x/y/z')).toBe('management');
    expect(familyOfPath('/v1/counter/nope')).toBe('management');
    expect(familyOfPath('/v2/credentials/mobile/configurations/x/y')).toBe('management');
    expect(familyOfPath('/v2/credentials/mobile/document-signers/x/y')).toBe('management');
    // The IACA CRL is a public document under /v2/credentials/mobile (DESIGN §10): a path as close to it
    // as to the management routes there is OAuth-shaped, like /v1/openid/nope below.
    expect(familyOfPath('/v2/credentials/mobile/whatever')).toBe('wallet');
    expect(familyOfPath('/v2/credentials/mobile/iacas/x/crl')).toBe('document');
    expect(familyOfPath('/v1/openid/credential')).toBe('wallet');
    expect(familyOfPath('/v1/openid/nope')).toBe('wallet'); // management and wallet both start so: OAuth-shaped
    expect(familyOfPath('/.well-known/nope')).toBe('document');
    expect(familyOfPath('/v1/oauth/authorize/wait/h')).toBe('holder');
    expect(familyOfPath('/')).toBe('ui');
    expect(familyOfPath('/requests')).toBe('ui');
    expect(errorShapeOfPath('/v1/analytics/events?type=x')).toBe('management');
    expect(errorShapeOfPath('/v1/mdoc/iacas')).toBe('oauth');
    expect(errorShapeOfPath('/assets/x.js')).toBe('management');
  });

  it('serves each route on its listener, and everything on a single one', () => {
    expect(servedBy(routeTable.token, 'clerk')).toBe(false);
    expect(servedBy(routeTable.token, 'wallet')).toBe(true);
    expect(servedBy(routeTable.listEvents, 'wallet')).toBe(false);
    expect(servedBy(routeTable.iacas, 'clerk')).toBe(true);
    expect(servedBy(routeTable.listEvents, 'both')).toBe(true);
  });
});
