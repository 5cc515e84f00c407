import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import type { Es256Signer } from '../../core/signing/es256-signer';
import type { KeyCustody } from '../../core/signing/key-custody';
import type { Pkcs11Config } from './pkcs11-config';
import { openPkcs11Token, type Pkcs11Token } from './pkcs11-token';

// DER of the P-256 SubjectPublicKeyInfo up to the 65-byte uncompressed point (RFC 5480 §2).
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex'); // namedCurve prime256v1 (CKA_EC_PARAMS)

/**
 * Document Signer (and status-list signer) keys inside a PKCS#11 token (DESIGN §10): generated there
 * (CKM_EC_KEY_PAIR_GEN, P-256), sensitive and never extractable, used with CKM_ECDSA over a SHA-256
 * digest computed here. Built on pkcs11js: graphene-pk11 is an object layer over the same addon that
 * we would not use beyond a dozen calls, while pkcs11js gives Promise-returning C_SignAsync (the
 * event loop never waits on the token) and the raw CKR_* codes that the start-up messages name.
 */
export async function pkcs11KeyCustody(config: Pkcs11Config): Promise<KeyCustody> {
  const token = await openPkcs11Token(config);
  const { lib, p11 } = token;
  const signerFor = (privateKey: Buffer): Es256Signer => ({
    async sign(data) {
      const digest = createHash('sha256').update(data).digest();
      const signature = await token.withSession((session) => {
        p11.C_SignInit(session, { mechanism: lib.CKM_ECDSA }, privateKey);
        return p11.C_SignAsync(session, digest, Buffer.alloc(64));
      });
      if (signature.length !== 64) throw new Error(`the PKCS#11 token returned a ${signature.length}-byte ECDSA signature, not 64 (r‖s)`);
      return new Uint8Array(signature);
    },
  });

  return {
    kind: 'pkcs11',
    description: token.description,
    async generate(name) {
      const id = randomBytes(16);
      const common = [
        { type: lib.CKA_TOKEN, value: true },
        { type: lib.CKA_ID, value: id },
        { type: lib.CKA_LABEL, value: `counter ${name}`.slice(0, 64) },
      ];
      const pair = await token.withSession((session) =>
        p11.C_GenerateKeyPairAsync(
          session,
          { mechanism: lib.CKM_EC_KEY_PAIR_GEN },
          [
            { type: lib.CKA_CLASS, value: lib.CKO_PUBLIC_KEY },
            { type: lib.CKA_EC_PARAMS, value: P256_PARAMS },
            { type: lib.CKA_VERIFY, value: true },
            ...common,
          ],
          [
            { type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY },
            { type: lib.CKA_PRIVATE, value: true },
            { type: lib.CKA_SENSITIVE, value: true },
            { type: lib.CKA_EXTRACTABLE, value: false },
            { type: lib.CKA_SIGN, value: true },
            { type: lib.CKA_DERIVE, value: false },
            ...common,
          ],
        ),
      );
      const point = await token.withSession((session) => p11.C_GetAttributeValue(session, pair.publicKey, [{ type: lib.CKA_EC_POINT }]));
      const publicKeySpki = p256Spki(point[0]?.value as Buffer | undefined);
      return {
        ref: { custody: 'pkcs11', tokenLabel: token.label, tokenSerial: token.serial, id: id.toString('hex') },
        publicKeySpki,
        signer: signerFor(pair.privateKey),
      };
    },
    async open(ref, publicKeySpki, label) {
      if (ref.custody !== 'pkcs11') throw new Error(`the ${label} is not kept in a PKCS#11 token`);
      if (ref.tokenSerial !== token.serial) {
        throw new Error(
          `The ${label} is in the PKCS#11 token "${ref.tokenLabel}" (serial ${ref.tokenSerial}), but the configured token is ` +
            `"${token.label}" (serial ${token.serial}).`,
        );
      }
      const privateKey = await token.withSession((session) => findPrivateKey(token, session, Buffer.from(ref.id, 'hex')));
      if (!privateKey) throw new Error(`The ${label} (CKA_ID ${ref.id}) is not in the PKCS#11 token "${token.label}" any more.`);
      const signer = signerFor(privateKey);
      // Prove the object signs for this certificate before anything depends on it.
      const challenge = randomBytes(32);
      const signature = await signer.sign(challenge);
      const spki = createPublicKey({ key: Buffer.from(publicKeySpki), format: 'der', type: 'spki' });
      if (!verify('sha256', challenge, { key: spki, dsaEncoding: 'ieee-p1363' }, signature)) {
        throw new Error(
          `The ${label} (CKA_ID ${ref.id}) in token "${token.label}" does not belong to its certificate (its public key differs).`,
        );
      }
      return signer;
    },
    async close() {
      token.close();
    },
  };
}

function findPrivateKey(token: Pkcs11Token, session: Buffer, id: Buffer): Buffer | undefined {
  const { lib, p11 } = token;
  p11.C_FindObjectsInit(session, [
    { type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY },
    { type: lib.CKA_ID, value: id },
  ]);
  try {
    const found = p11.C_FindObjects(session, 2);
    if (found.length > 1) throw new Error(`two private keys in token "${token.label}" have CKA_ID ${id.toString('hex')}`);
    return found[0];
  } finally {
    p11.C_FindObjectsFinal(session);
  }
}

/** CKA_EC_POINT is a DER OCTET STRING holding the point (PKCS#11 v2.40 §2.3.3); some tokens give the bare point. */
function p256Spki(value: Buffer | undefined): Uint8Array {
  if (!value) throw new Error('the PKCS#11 token gave no CKA_EC_POINT for the new key');
  const point = value.length === 67 && value[0] === 0x04 && value[1] === 0x41 ? value.subarray(2) : value;
  if (point.length !== 65 || point[0] !== 0x04)
    throw new Error('the PKCS#11 token gave a CKA_EC_POINT that is not an uncompressed P-256 point');
  return new Uint8Array(Buffer.concat([P256_SPKI_PREFIX, point]));
}
