// Shared by the mdoc tests and bench/mdoc-issue.bench.ts; not used by the engine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateIssuerKeys, type IssuerKeys } from '../../keys/issuer-keys';
import type { DeviceKeyJwk } from './device-key';
import { FullDate } from './full-date';
import type { MdocToIssue } from './issue-mdoc';

export const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';
export const MDL_NAMESPACE = 'org.iso.18013.5.1';

/** Issuer keys in a fresh temporary directory; `cleanup` removes it. */
export async function temporaryIssuerKeys(now: Date): Promise<{ keys: IssuerKeys; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'counter-mdoc-'));
  const keys = await loadOrCreateIssuerKeys(join(dir, 'keys'), {
    now,
    issuerName: 'Counter Test',
    country: 'NZ',
    issuerAltNameUri: 'https://counter.example',
  });
  return { keys, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function newDeviceKey(): Promise<DeviceKeyJwk> {
  const { publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const { x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  return { kty: 'EC', crv: 'P-256', x: x!, y: y! };
}

/** A typical mDL: twelve elements, dates, a portrait and nested driving privileges. */
export function sampleMdl(deviceKey: DeviceKeyJwk, signed: Date, days = 30): MdocToIssue {
  return {
    docType: MDL_DOCTYPE,
    nameSpaces: {
      [MDL_NAMESPACE]: {
        family_name: 'Doe',
        given_name: 'Jane',
        birth_date: new FullDate('1990-05-17'),
        issue_date: new FullDate('2026-01-01'),
        expiry_date: new FullDate('2031-01-01'),
        issuing_country: 'NZ',
        issuing_authority: 'Counter Test',
        document_number: 'DL123456',
        portrait: new Uint8Array(2048).fill(7),
        driving_privileges: [{ vehicle_category_code: 'B', issue_date: new FullDate('2020-01-01'), codes: [{ code: '01' }] }],
        un_distinguishing_sign: 'NZ',
        age_over_18: true,
      },
    },
    deviceKey,
    validity: { signed, validFrom: signed, validUntil: new Date(signed.getTime() + days * 86_400_000) },
  };
}
