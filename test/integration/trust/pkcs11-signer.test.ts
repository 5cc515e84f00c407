// DESIGN §10 key custody: with COUNTER_PKCS11_* set, the Document Signer key is generated in the
// token (a fresh SoftHSM2 token per test) and every mDoc is signed there; the data dir holds no
// private key for it, and the PIN is nowhere in it; a wrong PIN or a missing module refuses to start.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSoftHsmToken, softHsmMissing, SOFTHSM_MODULE, type SoftHsmToken } from '../../support/softhsm';
import { verifyIssuerSigned } from '../../support/mdoc-verifier';
import { receiveCredential } from '../../support/wallet';
import { newDataDir, removeDataDir, runServeToExit, startCounter, type CounterServer } from '../support/counter-server';
import { createMdlOffer } from '../support/fixtures';
import { publicIacaPems, trustApi } from '../support/trust-api';

const missing = softHsmMissing();
if (missing) console.log(`SKIPPED PKCS#11 integration tests: ${missing}`);

let token: SoftHsmToken | undefined;
let server: CounterServer | undefined;
afterEach(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  server = undefined;
  token?.remove();
  token = undefined;
});

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe.skipIf(missing)('Document Signer keys in a PKCS#11 token (SoftHSM2)', () => {
  it('creates the key in the token, signs every mDoc there, and keeps no private key for it in the data dir', async () => {
    token = createSoftHsmToken('counter-kiosk', '475869');
    server = await startCounter({ env: token.counterEnv });
    const [signer] = (await trustApi(server).listSigners()).body.data;
    expect(signer).toMatchObject({ keyCustody: 'pkcs11', current: true, managed: true });
    const settings = (await (await server.api('/v1/counter/settings')).json()) as {
      trust: { signerKeyCustody: string; signerKeyKind: string };
    };
    expect(settings.trust.signerKeyCustody).toMatch(/^PKCS#11 token "counter-kiosk" \(SoftHSM/);
    expect(settings.trust.signerKeyKind).toBe('pkcs11');

    // Inside the token (seen with opensc's pkcs11-tool): the key, labelled with the signer's id, never extractable.
    const objects = token.listObjects();
    expect(objects).toMatch(new RegExp(`Private Key Object; EC\\s+label:\\s+counter ds-${signer!.id}[\\s\\S]*?never extractable`));
    const id = new RegExp(`label:\\s+counter ds-${signer!.id}\\s+ID:\\s+([0-9a-f]+)`).exec(objects)![1]!;
    const publicKeyDer = execFileSync(
      'pkcs11-tool',
      ['--module', SOFTHSM_MODULE, '--token-label', 'counter-kiosk', '--read-object', '--type', 'pubkey', '--id', id],
      { env: { ...process.env, ...token.env } },
    );
    const certificate = new x509.X509Certificate(signer!.certificatePem!);
    expect(
      Buffer.from(certificate.publicKey.rawData).equals(
        createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' }).export({ type: 'spki', format: 'der' }),
      ),
    ).toBe(true);

    // An mDoc signed with it verifies with that certificate under the kiosk's IACA.
    const offer = await createMdlOffer(server);
    const result = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    const verified = await verifyIssuerSigned(result.issuerSigned, {
      trustedIacaPems: await publicIacaPems(server),
      docType: 'org.iso.18013.5.1.mDL',
    });
    expect(new x509.X509Certificate(verified.documentSignerCertificatePem).equal(certificate)).toBe(true);

    // The data dir, byte for byte: one private key (the IACA's), no Document Signer key, no PIN.
    const keyFiles = readdirSync(join(server.dataDir, 'keys'));
    expect(keyFiles).toEqual([expect.stringMatching(/^iaca-[0-9a-f-]{36}\.pem$/)]);
    const iacaKey = createPrivateKey(readFileSync(join(server.dataDir, 'keys', keyFiles[0]!), 'utf8'));
    const [iaca] = (await trustApi(server).listIacas()).body.data;
    expect(
      createPublicKey(iacaKey)
        .export({ type: 'spki', format: 'der' })
        .equals(Buffer.from(new x509.X509Certificate(iaca!.certificatePem).publicKey.rawData)),
    ).toBe(true);
    for (const file of files(server.dataDir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(token.pin)), file).toBe(false);
      if (!file.includes(`${join('keys', 'iaca-')}`)) expect(bytes.includes(Buffer.from('PRIVATE KEY')), file).toBe(false);
    }
    expect(server.output()).not.toContain(token.pin);

    // A restart finds the same key in the token.
    await server.stop();
    server = await startCounter({ dataDir: server.dataDir, adminToken: server.adminToken, env: token.counterEnv });
    expect((await trustApi(server).listSigners()).body.data.find((s) => s.current)?.id).toBe(signer!.id);
  });

  it('moves signing into the token when one is configured later: a new Document Signer, keys generated there', async () => {
    const dataDir = newDataDir();
    const before = await startCounter({ dataDir });
    const [fileSigner] = (await trustApi(before).listSigners()).body.data;
    expect(fileSigner!.keyCustody).toBe('file');
    await before.stop();
    token = createSoftHsmToken('counter-later', '112233');
    server = await startCounter({ dataDir, adminToken: before.adminToken, env: token.counterEnv });
    const current = (await trustApi(server).listSigners()).body.data.find((s) => s.current)!;
    expect(current.keyCustody).toBe('pkcs11');
    expect(current.id).not.toBe(fileSigner!.id);
  });

  it('refuses to start with a wrong PIN, without a token of that label, or without the module, saying why', async () => {
    token = createSoftHsmToken('counter-pin', '246801');
    const dataDir = newDataDir();
    try {
      const wrong = await runServeToExit(['--port', '0', '--data-dir', dataDir], { ...token.counterEnv, COUNTER_PKCS11_PIN: '135790' });
      expect(wrong.code).toBe(1);
      expect(wrong.output).toMatch(
        /Counter could not start: PKCS#11 login refused: COUNTER_PKCS11_PIN is not the user PIN of token "counter-pin" \(CKR_PIN_INCORRECT/,
      );
      expect(wrong.output).not.toContain('135790');
      const label = await runServeToExit(['--port', '0', '--data-dir', dataDir], {
        ...token.counterEnv,
        COUNTER_PKCS11_TOKEN_LABEL: 'absent',
      });
      expect(label.code).toBe(1);
      expect(label.output).toMatch(/has no token labelled "absent"; tokens present: "counter-pin"/);
      const module = await runServeToExit(['--port', '0', '--data-dir', dataDir], {
        ...token.counterEnv,
        COUNTER_PKCS11_MODULE: '/nowhere/p11.so',
      });
      expect(module.code).toBe(1);
      expect(module.output).toMatch(/COUNTER_PKCS11_MODULE=\/nowhere\/p11\.so cannot be loaded as a PKCS#11 module/);
      const noPin = await runServeToExit(['--port', '0', '--data-dir', dataDir], { ...token.counterEnv, COUNTER_PKCS11_PIN: '' });
      expect(noPin.code).toBe(2);
      expect(noPin.output).toMatch(/COUNTER_PKCS11_PIN \(the token's user PIN\) is not/);
      expect(readdirSync(dataDir).filter((name) => name === 'keys')).toEqual([]); // nothing was created
    } finally {
      removeDataDir(dataDir);
    }
  });
});
