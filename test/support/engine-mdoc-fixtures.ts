// Shared by the mdoc tests and bench/mdoc-issue.bench.ts; not used by the engine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCUMENT_SIGNER_PROFILE, iacaValidity, signerValidity } from '../../electron/engine/keys/certificate-profiles';
import { fileKeyCustody } from '../../electron/engine/keys/file-key-custody';
import { pemEncode } from '../../electron/engine/keys/pem';
import { createIacaCertificate, createSignerCsr, issueSignerCertificate } from '../../electron/engine/keys/x509/build-certificates';
import type { MdocSigner } from '../../electron/engine/core/signing/es256-signer';
import { systemRandom } from '../../electron/engine/core/util/secrets';
import type { DeviceKeyJwk } from '../../electron/engine/core/mdoc/device-key';
import { FullDate } from '../../electron/engine/core/mdoc/full-date';
import type { MdocToIssue } from '../../electron/engine/core/mdoc/issue-mdoc';

export const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';
export const MDL_NAMESPACE = 'org.iso.18013.5.1';

export interface IssuerKeys {
  iaca: { certificatePem: string; certificateDer: Uint8Array };
  documentSigner: MdocSigner & { certificatePem: string };
}

/** An IACA and a Document Signer as a managed IACA makes them, keys in a fresh temporary directory; `cleanup` removes it. */
export async function temporaryIssuerKeys(now: Date): Promise<{ keys: IssuerKeys; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'counter-mdoc-'));
  const custody = fileKeyCustody(join(dir, 'keys'));
  const iacaKey = await custody.generate('iaca-test');
  const iaca = await createIacaCertificate({
    key: iacaKey,
    commonName: 'Counter Test IACA',
    country: 'NZ',
    validity: iacaValidity(now),
    issuerAltNameUri: 'https://counter.example',
    crlUri: 'https://counter.example/crl',
    random: systemRandom,
  });
  const signerKey = await custody.generate('ds-test');
  const csr = await createSignerCsr({ key: signerKey, commonName: 'Counter Test Document Signer', iaca });
  const certificate = await issueSignerCertificate({
    csr,
    iaca,
    iacaSigner: iacaKey.signer,
    profile: DOCUMENT_SIGNER_PROFILE,
    validity: signerValidity(now, iaca.notAfter, DOCUMENT_SIGNER_PROFILE),
    crlUri: 'https://counter.example/crl',
    random: systemRandom,
  });
  const certificateDer = new Uint8Array(certificate.rawData);
  const keys: IssuerKeys = {
    iaca: { certificatePem: iaca.toString('pem'), certificateDer: new Uint8Array(iaca.rawData) },
    documentSigner: {
      certificateDer,
      certificatePem: pemEncode(certificateDer, 'CERTIFICATE'),
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      sign: signerKey.signer.sign,
    },
  };
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
