import type { KeyCustody, KeyVault } from '../core/signing/key-custody';
import { PKCS11_ENV } from './pkcs11/pkcs11-config';

/** Files for the managed IACA keys; the token, when one is configured, for every new signer key (DESIGN §10). */
export function keyVault(files: KeyCustody, token?: KeyCustody): KeyVault {
  return {
    files,
    signerKeys: token ?? files,
    open(ref, publicKeySpki, label) {
      if (ref.custody === 'file') return files.open(ref, publicKeySpki, label);
      if (!token) {
        throw new Error(
          `The ${label} is kept in the PKCS#11 token "${ref.tokenLabel}", but no token is configured: set ${PKCS11_ENV.module}, ` +
            `${PKCS11_ENV.tokenLabel} (or ${PKCS11_ENV.slot}) and ${PKCS11_ENV.pin}.`,
        );
      }
      return token.open(ref, publicKeySpki, label);
    },
    async close() {
      await token?.close();
      await files.close();
    },
  };
}
