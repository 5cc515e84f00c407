import { describe, expect, it } from 'vitest';
import type { AuthorizationSummary } from '../../../shared/api/z-authorization';
import type { MdocConfiguration } from '../../../shared/api/z-mdoc-configuration';
import { claimFields } from '../../../shared/claims/claim-fields';
import { claimsSchemaFor } from '../../../shared/claims/claims-schema';
import { createI18n } from '../i18n/i18n';
import {
  byArrival,
  mergeClaimMappings,
  noLongerPending,
  noLongerPendingMessage,
  requestedCredentials,
  spokenCode,
  waitedFor,
} from './authorization-requests';

const { t } = createI18n('en');

const request = (shortCode: string, createdAt: string, credentials = ['mdl-id']): AuthorizationSummary => ({
  id: '0c9a3f5e-1b2d-4e6f-8a7b-9c0d1e2f3a4b',
  shortCode,
  credentials,
  clientId: 'wallet',
  status: 'pending',
  createdAt,
  expiresAt: '2026-01-01T00:10:00.000Z',
});

const mdl: MdocConfiguration = {
  id: 'mdl-id',
  type: 'org.iso.18013.5.1.mDL',
  branding: { name: 'Mobile driving licence' },
  expiresIn: { years: 5 },
  claimMappings: {
    'org.iso.18013.5.1': {
      family_name: { mapFrom: 'claims.family_name', required: true, type: 'string' },
      birth_date: { mapFrom: 'claims.birth_date', required: true, type: 'date' },
      nationality: { mapFrom: 'claims.nationality', required: false, type: 'string', defaultValue: 'NZ' },
    },
  },
};
const pid: MdocConfiguration = {
  id: 'pid-id',
  type: 'eu.europa.ec.eudi.pid.1',
  expiresIn: { years: 1 },
  claimMappings: {
    'eu.europa.ec.eudi.pid.1': {
      family_name: { mapFrom: 'claims.family_name', required: true, type: 'string' },
      nationality: { mapFrom: 'claims.nationality', required: true, type: 'string' },
      birth_place: { mapFrom: 'claims.birth_place', required: false, type: 'string' },
    },
  },
};

describe('requests list', () => {
  it('serves the longest-waiting holder first', () => {
    const list = [
      request('0002', '2026-01-01T00:02:00.000Z'),
      request('0001', '2026-01-01T00:01:00.000Z'),
      request('0003', '2026-01-01T00:02:00.000Z'),
    ];
    expect(byArrival(list).map((r) => r.shortCode)).toEqual(['0001', '0002', '0003']);
    expect(list[0]!.shortCode).toBe('0002'); // not sorted in place
  });

  it('reads codes digit by digit and says how long someone has waited', () => {
    expect(spokenCode('0421')).toBe('0 4 2 1');
    const created = '2026-01-01T00:00:00.000Z';
    expect(waitedFor(created, Date.parse(created) - 5_000, t)).toBe('just now'); // clocks a little apart
    expect(waitedFor(created, Date.parse(created) + 59_000, t)).toBe('just now');
    expect(waitedFor(created, Date.parse(created) + 61_000, t)).toBe('1 min');
    expect(waitedFor(created, Date.parse(created) + 12 * 60_000, t)).toBe('12 min');
    expect(noLongerPendingMessage('0421', t)).toMatch(/^Request 0421 is no longer waiting/);
  });
});

describe('requestedCredentials', () => {
  it('names what was asked for, and what this counter does not know', () => {
    expect(requestedCredentials(request('1', 'x'), [mdl, pid], t)).toMatchObject({
      configurations: [mdl],
      unknown: [],
      name: 'Mobile driving licence',
    });
    expect(requestedCredentials(request('1', 'x', ['mdl-id', 'pid-id']), [mdl, pid], t).name).toBe(
      'Mobile driving licence and eu.europa.ec.eudi.pid.1',
    );
    expect(requestedCredentials(request('1', 'x', ['gone']), [mdl], t)).toMatchObject({
      configurations: [],
      unknown: ['gone'],
      name: 'an unknown credential type',
    });
  });
});

describe('mergeClaimMappings', () => {
  it('is the configuration itself for one configuration', () => {
    expect(claimFields(mergeClaimMappings([mdl]))).toEqual(claimFields(mdl));
  });

  it('asks once for a shared claim, required if any configuration needs it without a default', () => {
    const merged = mergeClaimMappings([mdl, pid]);
    const fields = claimFields(merged);
    expect(fields.map((f) => [f.path.join('.'), f.required])).toEqual([
      ['family_name', true],
      ['birth_date', true],
      ['nationality', true],
      ['birth_place', false],
    ]);
    // Claims valid for the merged form are valid for each configuration, as the engine checks them.
    const claims = { family_name: 'Doe', birth_date: '1990-01-31', nationality: 'NZ' };
    expect(claimsSchemaFor(merged).safeParse(claims).success).toBe(true);
    expect(claimsSchemaFor(mdl).safeParse(claims).success).toBe(true);
    expect(claimsSchemaFor(pid).safeParse(claims).success).toBe(true);
    expect(claimsSchemaFor(merged).safeParse({ family_name: 'Doe', birth_date: '1990-01-31' }).success).toBe(false);
    // The inputs are not changed.
    expect(mdl.claimMappings['org.iso.18013.5.1']!.nationality).toEqual({
      mapFrom: 'claims.nationality',
      required: false,
      type: 'string',
      defaultValue: 'NZ',
    });
  });
});

describe('noLongerPending', () => {
  it('is a 409 or a 404 from approve or reject', () => {
    expect(noLongerPending({ status: 409 })).toBe(true);
    expect(noLongerPending({ status: 404 })).toBe(true);
    expect(noLongerPending({ status: 400 })).toBe(false);
    expect(noLongerPending({ status: 0 })).toBe(false);
  });
});
