import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { Es256Signer } from '../core/signing/es256-signer';
import type { KeyCustody } from '../core/signing/key-custody';
import { ensurePrivateDir, writeKeyFilesAtomically } from './key-files';
import { keySlot, loadPrivateKey, privateKeyFile, privateKeyPresent, type KeysAtRest } from './private-key-files';
import { zProtectionName } from './sealed-key-file';

/** An in-process ES256 signer over a node:crypto private key (it never leaves this closure). */
export function keyObjectSigner(privateKey: KeyObject): Es256Signer {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('a signing key must be a P-256 private key');
  }
  return { sign: async (data) => new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })) };
}

/**
 * Keys as files in `keysDir` (0700; files 0600): PKCS#8 PEM `<name>.pem`, or with a KeyProtection
 * `<name>.sealed` (DESIGN §6), plain keys found at start being sealed then removed. A key is never
 * regenerated or overwritten to get past an error.
 */
export function fileKeyCustody(keysDir: string, atRest: KeysAtRest = {}): KeyCustody {
  if (atRest.protection && !zProtectionName.safeParse(atRest.protection.name).success) {
    throw new Error(`Key protection name "${atRest.protection.name}" must be a short lower-case name (a-z, 0-9, ".", "-")`);
  }
  return {
    kind: 'file',
    description: atRest.protection ? `key files in ${keysDir} (sealed: "${atRest.protection.name}")` : `key files in ${keysDir}`,
    async generate(name) {
      await ensurePrivateDir(keysDir);
      const slot = keySlot(name, 'private key');
      if (await privateKeyPresent(keysDir, slot)) throw new Error(`${join(keysDir, slot.plain)} (or .sealed) already exists`);
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await writeKeyFilesAtomically(keysDir, [await privateKeyFile(slot, privateKey, atRest.protection)]);
      const publicKeySpki = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
      return { ref: { custody: 'file', name }, publicKeySpki, signer: keyObjectSigner(privateKey) };
    },
    async open(ref, publicKeySpki, label) {
      if (ref.custody !== 'file') throw new Error(`the ${label} is not kept in a file`);
      const slot = keySlot(ref.name, label);
      if (!(await privateKeyPresent(keysDir, slot))) {
        throw new Error(
          `The ${label} ${join(keysDir, slot.plain)} (or ${slot.sealed}) is missing. Restore the key directory from a backup; ` +
            'Counter never replaces a key on its own.',
        );
      }
      return keyObjectSigner(await loadPrivateKey(keysDir, slot, publicKeySpki, atRest));
    },
    async close() {},
  };
}
