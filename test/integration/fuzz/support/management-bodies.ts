// Near-valid management bodies: pre-authorized offers, configurations (claim mappings), API tokens.
import fc from 'fast-check';
import { MDL_CLAIMS } from '../../support/fixtures';
import { MDL_DOCTYPE } from './constants';
import { anyJson, mutated, nastyNumber, nastyString } from './nasty-values';
import { seed } from './seed';

export const claimTypes = ['string', 'number', 'boolean', 'date', 'dateTime', 'bytes', 'array', 'object'] as const;

export function offerBodyArb(): fc.Arbitrary<unknown> {
  const { mdlId, pidId } = seed();
  const claims = mutated(fc.constant({ ...MDL_CLAIMS, family_name: 'Fuzz' }));
  const valid = fc.record(
    {
      credentials: fc.oneof(
        { arbitrary: fc.constant([mdlId]), weight: 6 },
        {
          arbitrary: fc.array(fc.oneof(fc.constantFrom(mdlId, pidId, mdlId.toUpperCase(), ` ${mdlId}`), nastyString), { maxLength: 12 }),
          weight: 2,
        },
      ),
      claims: fc.oneof({ arbitrary: claims, weight: 4 }, { arbitrary: anyJson, weight: 1 }),
      userId: fc.oneof(nastyString, anyJson),
      claimsToPersist: fc.oneof(fc.constant(['family_name']), fc.array(nastyString, { maxLength: 3 }), anyJson),
      expiresIn: fc.oneof(
        fc.record({ minutes: fc.oneof(fc.integer({ min: -2, max: 12 }), anyJson) }, { requiredKeys: [] }),
        fc.record({ seconds: fc.oneof(fc.integer({ min: -5, max: 700 }), nastyNumber) }),
        anyJson,
      ),
      transactionCodeConfiguration: fc.oneof(
        fc.record(
          { inputMode: fc.oneof(fc.constantFrom('numeric', 'text'), nastyString), description: fc.oneof(nastyString, anyJson) },
          { requiredKeys: [] },
        ),
        anyJson,
      ),
      offerBy: fc.oneof(fc.constantFrom('value', 'reference'), nastyString),
    },
    { requiredKeys: ['credentials'] },
  );
  return mutated(valid);
}

function claimMappingArb(): fc.Arbitrary<unknown> {
  return fc.record(
    {
      mapFrom: fc.oneof(fc.constantFrom('claims.a', 'claims.a.b', 'claims.__proto__', 'claims.constructor', 'claims.x-y'), nastyString),
      required: fc.oneof(fc.boolean(), anyJson),
      type: fc.oneof(fc.constantFrom(...claimTypes), nastyString),
      defaultValue: anyJson,
      label: nastyString,
    },
    { requiredKeys: ['mapFrom'] },
  );
}

export function configurationBodyArb(): fc.Arbitrary<unknown> {
  const identifier = fc.oneof(fc.constantFrom('org.fuzz.1', 'ns', '__proto__', 'constructor', 'a:b-c_d.e'), nastyString);
  const valid = fc.record(
    {
      type: fc.oneof(fc.constantFrom('org.fuzz.card.1', MDL_DOCTYPE), nastyString),
      claimMappings: fc.oneof(
        { arbitrary: fc.dictionary(identifier, fc.dictionary(identifier, claimMappingArb(), { maxKeys: 3 }), { maxKeys: 2 }), weight: 4 },
        { arbitrary: anyJson, weight: 1 },
      ),
      expiresIn: fc.oneof(
        fc.record(
          { years: fc.oneof(fc.integer({ min: -1, max: 25 }), anyJson), days: fc.integer({ min: -1, max: 8000 }), seconds: nastyNumber },
          { requiredKeys: [] },
        ),
        anyJson,
      ),
      branding: fc.oneof(
        fc.record(
          {
            name: nastyString,
            description: nastyString,
            backgroundColor: fc.oneof(fc.constant('#00ff00'), nastyString),
            textColor: nastyString,
          },
          { requiredKeys: [] },
        ),
        anyJson,
      ),
    },
    { requiredKeys: [] },
  );
  return mutated(valid);
}

export function apiTokenBodyArb(): fc.Arbitrary<unknown> {
  return mutated(
    fc.record(
      {
        name: fc.oneof(fc.constant('fuzz'), nastyString),
        role: fc.oneof(fc.constantFrom('admin', 'issuer', 'Admin', 'root'), nastyString),
      },
      { requiredKeys: [] },
    ),
  );
}
