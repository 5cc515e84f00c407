import { createPublicKey, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSoftHsmToken, softHsmMissing, SOFTHSM_MODULE, type SoftHsmToken } from '../../../../test/support/softhsm';
import type { KeyCustody } from '../../core/signing/key-custody';
import { pkcs11ConfigFromEnv } from './pkcs11-config';
import { pkcs11KeyCustody } from './pkcs11-key-custody';

// DESIGN §10: signer keys generated in a real PKCS#11 token (SoftHSM2), a fresh token per test.
const missing = softHsmMissing();
if (missing) console.log(`SKIPPED PKCS#11 custody tests: ${missing}`);

let token: SoftHsmToken | undefined;
let custody: KeyCustody | undefined;
afterEach(async () => {
  await custody?.close();
  custody = undefined;
  token?.remove();
  token = undefined;
});

function freshToken(): SoftHsmToken {
  token = createSoftHsmToken('counter-unit', '246810');
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF; // read by the module at C_Initialize
  return token;
}
const config = (t: SoftHsmToken, overrides: Record<string, string> = {}) => pkcs11ConfigFromEnv({ ...t.counterEnv, ...overrides })!;
const verifies = (spki: Uint8Array, data: Uint8Array, signature: Uint8Array) =>
  verify(
    'sha256',
    data,
    { key: createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }), dsaEncoding: 'ieee-p1363' },
    signature,
  );

describe.skipIf(missing)('PKCS#11 key custody (SoftHSM2)', () => {
  it('generates a P-256 key inside the token, sensitive and never extractable, and signs with it', async () => {
    const t = freshToken();
    custody = await pkcs11KeyCustody(config(t));
    expect(custody.description).toMatch(/^PKCS#11 token "counter-unit" \(SoftHSM/);
    const key = await custody.generate('ds-test');
    expect(key.ref).toMatchObject({ custody: 'pkcs11', tokenLabel: 'counter-unit' });
    const data = new TextEncoder().encode('Sig_structure');
    const signature = await key.signer.sign(data);
    expect(signature).toHaveLength(64);
    expect(verifies(key.publicKeySpki, data, signature)).toBe(true);
    expect(verifies(key.publicKeySpki, new TextEncoder().encode('other'), signature)).toBe(false);

    // An independent look (opensc's pkcs11-tool): the private key object is there, and cannot leave.
    const objects = t.listObjects();
    const id = key.ref.custody === 'pkcs11' ? key.ref.id : '';
    expect(objects).toMatch(
      new RegExp(`Private Key Object; EC[\\s\\S]*ID:\\s+${id}[\\s\\S]*Access:\\s+sensitive, always sensitive, never extractable`),
    );
  });

  it('finds the key again after a restart, proving it signs for the certificate, and refuses another key', async () => {
    const t = freshToken();
    custody = await pkcs11KeyCustody(config(t));
    const first = await custody.generate('ds-a');
    const second = await custody.generate('ds-b');
    await custody.close();
    custody = await pkcs11KeyCustody(config(t));
    const signer = await custody.open(first.ref, first.publicKeySpki, 'Document Signer key');
    const data = new Uint8Array([1, 2, 3]);
    expect(verifies(first.publicKeySpki, data, await signer.sign(data))).toBe(true);
    await expect(custody.open(first.ref, second.publicKeySpki, 'Document Signer key')).rejects.toThrow(
      /does not belong to its certificate/,
    );
    const gone = { ...first.ref, id: '00'.repeat(16) } as typeof first.ref;
    await expect(custody.open(gone, first.publicKeySpki, 'Document Signer key')).rejects.toThrow(
      /is not in the PKCS#11 token "counter-unit"/,
    );
  });

  it('signs many requests at once over its sessions', async () => {
    const t = freshToken();
    custody = await pkcs11KeyCustody(config(t));
    const key = await custody.generate('ds-c');
    const inputs = Array.from({ length: 40 }, (_, i) => new Uint8Array([i]));
    const signatures = await Promise.all(inputs.map((input) => key.signer.sign(input)));
    inputs.forEach((input, i) => expect(verifies(key.publicKeySpki, input, signatures[i]!)).toBe(true));
  });

  it('refuses a wrong PIN clearly, without repeating it', async () => {
    const t = freshToken();
    const error = await pkcs11KeyCustody(config(t, { COUNTER_PKCS11_PIN: '999999' })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /PKCS#11 login refused: COUNTER_PKCS11_PIN is not the user PIN of token "counter-unit" \(CKR_PIN_INCORRECT/,
    );
    expect((error as Error).message).not.toContain('999999');
  });

  it('names the tokens present when the label is unknown, and the module when it cannot load', async () => {
    const t = freshToken();
    await expect(pkcs11KeyCustody(config(t, { COUNTER_PKCS11_TOKEN_LABEL: 'nope' }))).rejects.toThrow(
      /has no token labelled "nope"; tokens present: "counter-unit" \(slot 0x[0-9a-f]+\)/,
    );
    await expect(pkcs11KeyCustody(config(t, { COUNTER_PKCS11_MODULE: '/nonexistent/libp11.so' }))).rejects.toThrow(
      /COUNTER_PKCS11_MODULE=\/nonexistent\/libp11\.so cannot be loaded as a PKCS#11 module/,
    );
  });
});

describe('PKCS#11 settings', () => {
  it('are read from the environment, and incomplete ones are refused naming the variable', () => {
    expect(pkcs11ConfigFromEnv({})).toBeUndefined();
    expect(pkcs11ConfigFromEnv({ COUNTER_PKCS11_MODULE: SOFTHSM_MODULE, COUNTER_PKCS11_SLOT: '0x10', COUNTER_PKCS11_PIN: '1' })).toEqual({
      module: SOFTHSM_MODULE,
      token: { slotId: 16n },
      pin: '1',
    });
    expect(() => pkcs11ConfigFromEnv({ COUNTER_PKCS11_PIN: '1' })).toThrow(/COUNTER_PKCS11_PIN set without COUNTER_PKCS11_MODULE/);
    expect(() => pkcs11ConfigFromEnv({ COUNTER_PKCS11_MODULE: 'm', COUNTER_PKCS11_PIN: '1' })).toThrow(/exactly one of/);
    expect(() => pkcs11ConfigFromEnv({ COUNTER_PKCS11_MODULE: 'm', COUNTER_PKCS11_TOKEN_LABEL: 'l' })).toThrow(/COUNTER_PKCS11_PIN/);
    expect(() => pkcs11ConfigFromEnv({ COUNTER_PKCS11_MODULE: 'm', COUNTER_PKCS11_SLOT: 'one', COUNTER_PKCS11_PIN: '1' })).toThrow(
      /slot ID/,
    );
  });
});
