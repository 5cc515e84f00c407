import { z } from 'zod';

/**
 * Where a signing key is kept (DESIGN §10), as stored beside its certificate. The core never opens
 * it: it hands the reference to the key custody, which gives back an Es256Signer.
 * - file: `<data dir>/keys/<name>.pem` (0600) or `<name>.sealed` under the KeyProtection;
 * - pkcs11: a private key object in a PKCS#11 token, found by its CKA_ID (hex), never extractable.
 */
export const zKeyRef = z.discriminatedUnion('custody', [
  z.strictObject({ custody: z.literal('file'), name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,120}$/) }),
  z.strictObject({
    custody: z.literal('pkcs11'),
    tokenLabel: z.string().max(32),
    tokenSerial: z.string().max(16),
    id: z.string().regex(/^(?:[0-9a-f]{2}){1,64}$/),
  }),
]);
export type KeyRef = z.infer<typeof zKeyRef>;

export const describeKeyRef = (ref: KeyRef): string =>
  ref.custody === 'file'
    ? `the key file ${ref.name}`
    : `key ${ref.id} in the PKCS#11 token "${ref.tokenLabel}" (serial ${ref.tokenSerial})`;
