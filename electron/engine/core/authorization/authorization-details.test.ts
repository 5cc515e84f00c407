import { describe, expect, it } from 'vitest';
import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import { configurationOfIdentifier, credentialIdentifier, detailsConfigurations, tokenAuthorizationDetails } from './authorization-details';

const ISSUER = 'https://counter.test';
const MDL = { id: '0b6c3f0e-1111-4aaa-8bbb-000000000001', type: 'org.iso.18013.5.1.mDL' } as MdocConfiguration;
const PID = { id: '0b6c3f0e-1111-4aaa-8bbb-000000000002', type: 'eu.europa.ec.eudi.pid.1' } as MdocConfiguration;
const configurations = [MDL, PID];
const parse = (details: unknown) => detailsConfigurations(JSON.stringify(details), configurations, ISSUER);

describe('authorization_details of type openid_credential (RFC 9396 §2, OID4VCI 1.0 §5.1.1)', () => {
  it('names configurations by id or, as drafts 13–14 did, by doctype; in order, once each; ignoring fields it does not know', () => {
    expect(parse([{ type: 'openid_credential', credential_configuration_id: PID.id, claims: [{ path: ['x'] }] }])).toEqual([PID.id]);
    expect(
      parse([
        { type: 'openid_credential', credential_configuration_id: PID.id },
        { type: 'openid_credential', format: 'mso_mdoc', doctype: MDL.type, locations: [ISSUER] },
        { type: 'openid_credential', credential_configuration_id: PID.id },
      ]),
    ).toEqual([PID.id, MDL.id]);
  });

  it('tells JSON that is not JSON from details RFC 9396 §5 refuses', () => {
    expect(detailsConfigurations('not json', configurations, ISSUER)).toEqual({ refusal: 'not_json', description: expect.any(String) });
    for (const bad of [
      {},
      [],
      [{}],
      [{ type: 'openid_credential', credential_configuration_id: 5 }],
      [{ type: 'other', credential_configuration_id: MDL.id }],
      [{ type: 'openid_credential', credential_configuration_id: MDL.id, locations: ISSUER }],
      Array.from({ length: 11 }, () => ({ type: 'openid_credential', credential_configuration_id: MDL.id })),
    ]) {
      expect(parse(bad), JSON.stringify(bad).slice(0, 60)).toEqual({
        refusal: 'invalid',
        description: expect.stringMatching(/JSON array/),
      });
    }
    expect(parse([{ type: 'openid_credential', credential_configuration_id: 'nope' }])).toMatchObject({
      refusal: 'invalid',
      description: expect.stringMatching(/unknown credential configuration/),
    });
    expect(parse([{ type: 'openid_credential', doctype: 'org.example.unknown' }])).toMatchObject({ refusal: 'invalid' });
    expect(parse([{ type: 'openid_credential', credential_configuration_id: MDL.id, locations: ['https://other.example'] }])).toMatchObject(
      {
        refusal: 'invalid',
        description: expect.stringMatching(/locations other than this credential issuer/),
      },
    );
  });

  it('describes the granted configurations with one stable identifier each (§6.2), which names them back (§8.2)', () => {
    expect(tokenAuthorizationDetails([MDL.id, PID.id], ISSUER)).toEqual([
      {
        type: 'openid_credential',
        credential_configuration_id: MDL.id,
        locations: [ISSUER],
        credential_identifiers: [credentialIdentifier(MDL.id)],
      },
      {
        type: 'openid_credential',
        credential_configuration_id: PID.id,
        locations: [ISSUER],
        credential_identifiers: [credentialIdentifier(PID.id)],
      },
    ]);
    expect(credentialIdentifier(MDL.id)).toBe(credentialIdentifier(MDL.id));
    expect(configurationOfIdentifier(credentialIdentifier(PID.id), [MDL.id, PID.id])).toBe(PID.id);
    expect(configurationOfIdentifier(credentialIdentifier(PID.id), [MDL.id])).toBeUndefined();
    expect(configurationOfIdentifier('', [MDL.id])).toBeUndefined();
  });
});
