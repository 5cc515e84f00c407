// DESIGN §10–11 key custody: with COUNTER_PKCS11_* set, the status-list signer's key is generated in
// the token (a fresh SoftHSM2 token) like the Document Signer's, never extractable, and the Status
// List Tokens are signed there; the data dir holds no key file for it. The token is checked by
// test/support/status-list-check.ts, independent of the engine; the token's objects by opensc.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSoftHsmToken, softHsmMissing, type SoftHsmToken } from '../../support/softhsm';
import { checkStatusListToken, statusOfIssuerSigned } from '../../support/status-list-check';
import { receiveCredential } from '../../support/wallet';
import { removeDataDir, startCounter, type CounterServer } from '../support/counter-server';
import { createMdlOffer } from '../support/fixtures';
import { publicIacaPems, trustApi } from '../support/trust-api';

const missing = softHsmMissing();
if (missing) console.log(`SKIPPED PKCS#11 status-list signer test: ${missing}`);

let token: SoftHsmToken | undefined;
let server: CounterServer | undefined;
afterEach(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
  token?.remove();
  [server, token] = [undefined, undefined];
});

describe.skipIf(missing)('status-list signer keys in a PKCS#11 token (SoftHSM2)', () => {
  it('makes the key in the token and signs every Status List Token there', async () => {
    token = createSoftHsmToken('counter-status', '314159');
    server = await startCounter({ env: token.counterEnv });
    const [signer] = (await trustApi(server, 'status-list-signers').listSigners()).body.data;
    expect(signer).toMatchObject({ keyCustody: 'pkcs11', current: true, managed: true });
    expect(token.listObjects()).toMatch(
      new RegExp(`Private Key Object; EC\\s+label:\\s+counter sl-${signer!.id}[\\s\\S]*?never extractable`),
    );
    expect(readdirSync(join(server.dataDir, 'keys')).filter((name) => name.startsWith('sl-'))).toEqual([]);

    const offer = await createMdlOffer(server);
    const wallet = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
    const status = statusOfIssuerSigned(wallet.issuerSigned)!;
    const [iacaPem] = await publicIacaPems(server);
    const checked = await checkStatusListToken(new Uint8Array(await (await fetch(status.uri)).arrayBuffer()), iacaPem!);
    expect(checked.signerCertificate.equal(new x509.X509Certificate(signer!.certificatePem!))).toBe(true);
    expect(checked.statusAt(status.idx)).toBe(0);

    // A revocation is signed in the token too: the next token shows the bit.
    const [issued] = (
      (await (await server.api(`/v1/openid/offers/pre-authorized/${offer.id}`)).json()) as {
        issuedCredentials: { id: string }[];
      }
    ).issuedCredentials;
    expect((await server.api(`/v2/credentials/mobile/${issued!.id}/status`, { method: 'POST', json: { status: 'invalid' } })).status).toBe(
      200,
    );
    const after = await checkStatusListToken(new Uint8Array(await (await fetch(status.uri)).arrayBuffer()), iacaPem!);
    expect(after.statusAt(status.idx)).toBe(1);
    expect(after.signerCertificate.equal(checked.signerCertificate)).toBe(true);
  });
});
