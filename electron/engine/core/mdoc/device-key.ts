/** A holder's P-256 public key as a JWK, with nothing else in it. */
export interface DeviceKeyJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

// RFC 9052 §7.1 / RFC 9053 §7.1.1 COSE_Key labels and values for an EC2 P-256 key.
const KTY = 1;
const CRV = -1;
const X = -2;
const Y = -3;
const KTY_EC2 = 2;
const CRV_P256 = 1;

/** Only kty, crv, x and y: a WebCrypto export also carries key_ops and ext, which must not reach the COSE_Key. */
export function deviceKeyCoordinates(jwk: DeviceKeyJwk): { x: Uint8Array; y: Uint8Array } {
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256') throw new Error('the device key must be an EC P-256 JWK');
  return { x: coordinate(jwk.x, 'x'), y: coordinate(jwk.y, 'y') };
}

function coordinate(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(value))
    throw new Error(`the device key's ${name} must be 32 bytes of base64url`);
  return new Uint8Array(Buffer.from(value, 'base64url'));
}

/** ISO 18013-5 §9.1.2.4 DeviceKey = COSE_Key. */
export function deviceCoseKey(jwk: DeviceKeyJwk): Map<number, number | Uint8Array> {
  const { x, y } = deviceKeyCoordinates(jwk);
  return new Map<number, number | Uint8Array>([
    [KTY, KTY_EC2],
    [CRV, CRV_P256],
    [X, x],
    [Y, y],
  ]);
}

/** Why `coseKey` is not exactly the COSE_Key of `jwk`, or undefined if it is. */
export function deviceKeyMismatch(coseKey: unknown, jwk: DeviceKeyJwk): string | undefined {
  if (!(coseKey instanceof Map)) return 'deviceKey is not a COSE_Key map';
  const expected = deviceCoseKey(jwk);
  if (coseKey.size !== expected.size) return `deviceKey has ${coseKey.size} parameters, expected ${expected.size} (kty, crv, x, y)`;
  for (const [label, value] of expected) {
    const actual: unknown = coseKey.get(label);
    const same = value instanceof Uint8Array ? actual instanceof Uint8Array && Buffer.from(actual).equals(value) : actual === value;
    if (!same) return `deviceKey parameter ${label} differs from the expected device key`;
  }
  return undefined;
}
