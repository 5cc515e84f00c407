import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthorityIaca,
  signDocumentSignerCsr,
  type Authority,
  type IacaOptions,
  type SignOptions,
} from '../../../../test/support/authority';
import { DOCUMENT_SIGNER_PROFILE, STATUS_LIST_SIGNER_PROFILE } from '../certificate-profiles';
import { fileKeyCustody } from '../file-key-custody';
import { createSignerCsr } from '../x509/build-certificates';
import { parseCertificatePem, type CertificateProblem } from './certificate-facts';
import { iacaProblems } from './iaca-checks';
import { signerCertificateProblems } from './signer-certificate-checks';

// Every ISO 18013-5 Annex B rule the kiosk checks, broken once each, on certificates an authority
// made with @peculiar/x509 (test/support/authority.ts), not with the engine's builders.
const DAY = 86_400_000;
const rules = (problems: CertificateProblem[]) => [...new Set(problems.map((p) => p.rule))];
const iacaRules = async (options: IacaOptions) =>
  rules(iacaProblems(parseCertificatePem((await createAuthorityIaca(options)).pem), new Date()));

describe('Annex B.1.2: an authority IACA', () => {
  it('passes when it follows the profile (P-384 and P-256, with a state)', async () => {
    expect(await iacaRules({})).toEqual([]);
    expect(await iacaRules({ curve: 'P-256', stateOrProvinceName: 'Berlin' })).toEqual([]);
    expect(await iacaRules({ crlUri: null })).toEqual([]); // DESIGN §10 does not require a CRL of the authority
  });

  it.each<[string, IacaOptions, string]>([
    ['not a CA', { ca: false }, 'B.1.2 basicConstraints'],
    ['no pathLenConstraint', { pathLength: null }, 'B.1.2 basicConstraints'],
    ['pathLenConstraint 1', { pathLength: 1 }, 'B.1.2 basicConstraints'],
    ['keyUsage without cRLSign', { keyUsage: x509.KeyUsageFlags.keyCertSign }, 'B.1.2 keyUsage'],
    ['keyUsage digitalSignature too', { keyUsage: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | 1 }, 'B.1.2 keyUsage'],
    ['no subjectKeyIdentifier', { ski: false }, 'B.1.2 subjectKeyIdentifier'],
    ['no issuerAltName', { issuerAltName: false }, 'B.1.2 issuerAltName'],
    ['a lower-case country', { country: 'de' }, 'B.1.2 subject countryName'],
    ['a three-letter country', { country: 'DEU' }, 'B.1.2 subject countryName'],
    ['an empty commonName', { commonName: ' ' }, 'B.1.2 subject commonName'],
    ['expired', { notBefore: new Date(Date.now() - 20 * DAY), notAfter: new Date(Date.now() - DAY) }, 'B.1.2 validity'],
    ['valid for 25 years', { notAfter: new Date(Date.now() + 25 * 365 * DAY) }, 'B.1.2 validity'],
  ])('refuses one that is %s', async (_, options, rule) => {
    expect(await iacaRules(options)).toEqual([rule]);
  });

  it('refuses one that is not self-signed', async () => {
    const other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
    expect(await iacaRules({ signWith: other.privateKey })).toEqual(['B.1.2 issuer']);
  });

  it('refuses an X.509 v1 certificate with an RSA key (OpenSSL-made), naming each rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-v1-'));
    try {
      const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
      run('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-subj', '/C=DE/CN=Old IACA', '-out', 'r.pem');
      run('x509', '-req', '-in', 'r.pem', '-signkey', 'k.pem', '-days', '30', '-out', 'c.pem'); // no extensions: v1
      const found = rules(iacaProblems(parseCertificatePem(readFileSync(join(dir, 'c.pem'), 'utf8')), new Date()));
      expect(found).toEqual(
        expect.arrayContaining([
          'B.1.2 version',
          'B.1.2 signature',
          'B.1.2 subjectPublicKeyInfo',
          'B.1.2 basicConstraints',
          'B.1.2 keyUsage',
          'B.1.2 subjectKeyIdentifier',
          'B.1.2 issuerAltName',
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Annex B.1.4: the certificate an authority returns for a Document Signer CSR', () => {
  let authority: Authority;
  let csrPem: string;
  let spki: Uint8Array;
  const problemsFor = async (options: SignOptions, by = authority) =>
    rules(
      signerCertificateProblems(parseCertificatePem(await signDocumentSignerCsr(by, csrPem, options)), {
        publicKeySpki: spki,
        iaca: parseCertificatePem(authority.pem),
        profile: DOCUMENT_SIGNER_PROFILE,
        now: new Date(),
      }),
    );

  beforeAll(async () => {
    authority = await createAuthorityIaca({ stateOrProvinceName: 'Berlin' });
    const dir = mkdtempSync(join(tmpdir(), 'counter-csr-'));
    const key = await fileKeyCustody(dir).generate('ds');
    rmSync(dir, { recursive: true, force: true });
    spki = key.publicKeySpki;
    csrPem = (await createSignerCsr({ key, commonName: 'Kiosk 7 Document Signer', iaca: authority.certificate })).toString('pem');
  });

  it('passes when it follows the profile', async () => {
    expect(await problemsFor({})).toEqual([]);
  });

  it.each<[string, SignOptions, string[]]>([
    ['no extKeyUsage', { extendedKeyUsage: null }, ['B.1.4 extKeyUsage']],
    ['another extKeyUsage', { extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'] }, ['B.1.4 extKeyUsage']],
    ['valid for 600 days', { validityDays: 600 }, ['B.1.4 validity']],
    ['in another country', { country: 'FR' }, ['B.1.4 subject countryName']],
    ['keyUsage keyCertSign too', { keyUsage: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign }, ['B.1.4 keyUsage']],
    ['without authorityKeyIdentifier', { authorityKeyIdentifier: 'none' }, ['B.1.4 authorityKeyIdentifier']],
    ['with another authorityKeyIdentifier', { authorityKeyIdentifier: 'other' }, ['B.1.4 authorityKeyIdentifier']],
    ['without issuerAltName', { issuerAltName: false }, ['B.1.4 issuerAltName']],
    ['without a CRL distribution point', { crlUri: null }, ['B.1.4 cRLDistributionPoints']],
    ['starting before the IACA', { notBefore: new Date(Date.now() - 3 * DAY) }, ['B.1.4 validity']],
    ['expired', { notBefore: new Date(Date.now() - 12 * 3_600_000), validityDays: 0.25 }, ['B.1.4 validity']],
  ])('refuses one %s', async (_, options, expected) => {
    expect(await problemsFor(options)).toEqual(expected);
  });

  it('refuses one for another key', async () => {
    const other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    expect(await problemsFor({ publicKey: other.publicKey })).toEqual(['B.1.4 subjectPublicKeyInfo']);
  });

  it('refuses one from another CA, even with the same name', async () => {
    const impostor = await createAuthorityIaca({ stateOrProvinceName: 'Berlin' }); // same subject, other key
    expect(await problemsFor({}, impostor)).toEqual(['B.1.4 issuer', 'B.1.4 authorityKeyIdentifier']);
  });

  it('names every broken rule at once, in plain words', async () => {
    const problems = signerCertificateProblems(
      parseCertificatePem(await signDocumentSignerCsr(authority, csrPem, { extendedKeyUsage: null, validityDays: 600, country: 'FR' })),
      { publicKeySpki: spki, iaca: parseCertificatePem(authority.pem), profile: DOCUMENT_SIGNER_PROFILE, now: new Date() },
    );
    expect(problems.map((p) => p.message)).toEqual([
      'extKeyUsage must be critical and hold 1.0.18013.5.1.2 (the Document Signer purpose)',
      'a Document Signer may be valid for at most 457 days',
      `the countryName must be the IACA's ("DE")`,
    ]);
    expect(problems.find((p) => p.rule === 'B.1.4 validity')?.value).toBe('600 days');
  });
});

describe("the status-list signer's profile (DESIGN §11): the certificate an authority returns for its CSR", () => {
  let authority: Authority;
  let csrPem: string;
  let spki: Uint8Array;
  const SL = STATUS_LIST_SIGNER_PROFILE.annex;
  const problemsFor = async (options: SignOptions) =>
    rules(
      signerCertificateProblems(parseCertificatePem(await signDocumentSignerCsr(authority, csrPem, options)), {
        publicKeySpki: spki,
        iaca: parseCertificatePem(authority.pem),
        profile: STATUS_LIST_SIGNER_PROFILE,
        now: new Date(),
      }),
    );

  beforeAll(async () => {
    authority = await createAuthorityIaca();
    const dir = mkdtempSync(join(tmpdir(), 'counter-csr-'));
    const key = await fileKeyCustody(dir).generate('sl');
    rmSync(dir, { recursive: true, force: true });
    spki = key.publicKeySpki;
    csrPem = (await createSignerCsr({ key, commonName: 'Kiosk 7 Status List Signer', iaca: authority.certificate })).toString('pem');
  });

  it('passes without extKeyUsage, issuerAltName or CRL distribution point (all optional), and with them', async () => {
    expect(await problemsFor({ extendedKeyUsage: null, issuerAltName: false, crlUri: null })).toEqual([]);
    expect(await problemsFor({})).toEqual([]);
    expect(await problemsFor({ validityDays: 1187 })).toEqual([]);
  });

  it.each<[string, SignOptions, string[]]>([
    ['valid for 1,200 days', { validityDays: 1200 }, [`${SL} validity`]],
    ['in another country', { country: 'FR' }, [`${SL} subject countryName`]],
    ['keyUsage keyCertSign too', { keyUsage: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign }, [`${SL} keyUsage`]],
    ['without authorityKeyIdentifier', { authorityKeyIdentifier: 'none' }, [`${SL} authorityKeyIdentifier`]],
  ])('refuses one %s', async (_, options, expected) => {
    expect(await problemsFor(options)).toEqual(expected);
  });
});
