// MdocContext for @owf/mdoc on WebCrypto + @peculiar/x509 (test-only, independent of electron/**).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { CoseKey, Curve, KeyType } from '@owf/mdoc';
import type { MdocContext, Sign1 } from '@owf/mdoc';

const subtle = globalThis.crypto.subtle;

// COSE curve id <-> JWK crv; done by hand: @owf/mdoc maps P-384/P-521 to lowercase names.
const CURVES: Record<number, 'P-256' | 'P-384' | 'P-521'> = {
  [Curve['P-256']]: 'P-256',
  [Curve['P-384']]: 'P-384',
  [Curve['P-521']]: 'P-521',
};
const CURVE_IDS: Record<string, Curve> = { 'P-256': Curve['P-256'], 'P-384': Curve['P-384'], 'P-521': Curve['P-521'] };
// JWS alg -> [hash, required curve]
const ALGS: Record<string, [string, string]> = {
  ES256: ['SHA-256', 'P-256'],
  ES384: ['SHA-384', 'P-384'],
  ES512: ['SHA-512', 'P-521'],
};

const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const fromB64u = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64url'));
const bytes = (buf: ArrayBuffer | Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(buf);

/** Public EC JWK ({kty, crv, x, y} only) of a COSE_Key. */
export function coseKeyToPublicJwk(key: CoseKey): { kty: 'EC'; crv: string; x: string; y: string } {
  if (key.keyType !== KeyType.Ec) throw new Error(`unsupported COSE key type ${String(key.keyType)}`);
  const crv = typeof key.curve === 'number' ? CURVES[key.curve] : undefined;
  if (!crv || !key.x || !key.y) throw new Error('COSE_Key lacks crv/x/y or uses an unsupported curve');
  return { kty: 'EC', crv, x: b64u(key.x), y: b64u(key.y) };
}

/** COSE_Key from an EC JWK (private if it carries d). Drops key_ops/ext/alg/kid. */
export function jwkToCoseKey(jwk: JsonWebKey): CoseKey {
  const curve = jwk.crv ? CURVE_IDS[jwk.crv] : undefined;
  if (jwk.kty !== 'EC' || curve === undefined || !jwk.x || !jwk.y) throw new Error('expected an EC P-256/384/521 JWK');
  return CoseKey.create({
    keyType: KeyType.Ec,
    curve,
    x: fromB64u(jwk.x),
    y: fromB64u(jwk.y),
    ...(jwk.d ? { d: fromB64u(jwk.d) } : {}),
  });
}

function algParams(alg: string, crv: string): { hash: string } {
  const entry = ALGS[alg];
  if (!entry) throw new Error(`unsupported COSE signature algorithm ${alg}`);
  if (entry[1] !== crv) throw new Error(`algorithm ${alg} does not match key curve ${crv}`);
  return { hash: entry[0] };
}

const algName = (alg: number | undefined): string => {
  switch (alg) {
    case -7:
      return 'ES256';
    case -35:
      return 'ES384';
    case -36:
      return 'ES512';
    default:
      throw new Error(`unsupported COSE algorithm ${String(alg)}`);
  }
};

async function verifyChain(trusted: Uint8Array[], x5chain: Uint8Array[], now: Date): Promise<void> {
  if (x5chain.length === 0) throw new Error('x5chain is empty');
  if (trusted.length === 0) throw new Error('no trusted IACA certificates');
  const anchors = trusted.map((der) => new x509.X509Certificate(bytes(der)));
  const chain = x5chain.map((der) => new x509.X509Certificate(bytes(der)));
  const sameCert = (a: x509.X509Certificate, b: x509.X509Certificate) => Buffer.from(a.rawData).equals(Buffer.from(b.rawData));
  const checkTime = (c: x509.X509Certificate, role: string) => {
    if (now < c.notBefore || now > c.notAfter) {
      throw new Error(
        `${role} certificate '${c.subject}' not valid at ${now.toISOString()} (${c.notBefore.toISOString()} .. ${c.notAfter.toISOString()})`,
      );
    }
  };
  const signedBy = async (child: x509.X509Certificate, parent: x509.X509Certificate) =>
    child.issuer === parent.subject && (await child.verify({ publicKey: parent.publicKey, signatureOnly: true }).catch(() => false));

  // The chain may end with the IACA itself; it must then be one of the trusted certificates.
  const last = chain[chain.length - 1]!;
  const anchorInChain = anchors.find((a) => sameCert(a, last));
  const path = anchorInChain && chain.length > 1 ? chain.slice(0, -1) : chain;

  for (let i = 0; i < path.length; i++) {
    const cert = path[i]!;
    checkTime(cert, i === 0 ? 'document signer' : 'intermediate');
    const next = path[i + 1];
    if (next && !(await signedBy(cert, next))) throw new Error(`certificate '${cert.subject}' is not signed by '${next.subject}'`);
  }
  const top = path[path.length - 1]!;
  let anchor: x509.X509Certificate | undefined;
  for (const a of anchors) {
    if (await signedBy(top, a)) {
      anchor = a;
      break;
    }
  }
  if (!anchor) throw new Error(`certificate '${top.subject}' (issuer '${top.issuer}') does not chain to a trusted IACA`);
  checkTime(anchor, 'IACA');
  const bc = anchor.getExtension(x509.BasicConstraintsExtension);
  if (!bc?.ca) throw new Error(`trusted IACA '${anchor.subject}' is not a CA (basicConstraints)`);
}

/** MdocContext for @owf/mdoc. MAC / session-key functions are not implemented (not needed for IssuerSigned). */
export const mdocContext: MdocContext = {
  crypto: {
    random: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
    digest: async ({ digestAlgorithm, bytes: data }) => bytes(await subtle.digest(digestAlgorithm, bytes(data))),
    calculateEphemeralMacKey: () => {
      throw new Error('calculateEphemeralMacKey not implemented in the test context');
    },
  },
  cose: {
    sign1: {
      sign: async ({ toBeSigned, key, algorithm }) => {
        const jwk = { ...coseKeyToPublicJwk(key), d: b64u(key.privateKey) };
        const params = algParams(algName(algorithm ?? key.algorithm), jwk.crv);
        const priv = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: jwk.crv }, false, ['sign']);
        // WebCrypto ECDSA signatures are raw r||s, which is what COSE uses.
        return bytes(await subtle.sign({ name: 'ECDSA', ...params }, priv, bytes(toBeSigned)));
      },
      verify: async ({ key, sign1 }: { key: CoseKey; sign1: Sign1 }) => {
        const jwk = coseKeyToPublicJwk(key);
        const params = algParams(sign1.signatureAlgorithmName, jwk.crv);
        const pub = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: jwk.crv }, false, ['verify']);
        return subtle.verify({ name: 'ECDSA', ...params }, pub, bytes(sign1.signature), bytes(sign1.toBeSigned));
      },
    },
    mac0: {
      sign: () => {
        throw new Error('mac0 not implemented in the test context');
      },
      verify: () => {
        throw new Error('mac0 not implemented in the test context');
      },
    },
  },
  x509: {
    getIssuerNameField: ({ certificate, field }) => new x509.X509Certificate(bytes(certificate)).issuerName.getField(field),
    getPublicKey: async ({ certificate, alg }) => {
      const cert = new x509.X509Certificate(bytes(certificate));
      const algorithm = cert.publicKey.algorithm as EcKeyAlgorithm;
      if (algorithm.name !== 'ECDSA' && algorithm.name !== 'EC') throw new Error(`unsupported certificate key ${algorithm.name}`);
      algParams(alg, algorithm.namedCurve);
      const key = await subtle.importKey('spki', cert.publicKey.rawData, { name: 'ECDSA', namedCurve: algorithm.namedCurve }, true, [
        'verify',
      ]);
      return jwkToCoseKey(await subtle.exportKey('jwk', key));
    },
    verifyCertificateChain: ({ trustedCertificates, x5chain, now }) => verifyChain(trustedCertificates, x5chain, now ?? new Date()),
    getCertificateData: async ({ certificate }) => {
      const cert = new x509.X509Certificate(bytes(certificate));
      return {
        issuerName: cert.issuer,
        subjectName: cert.subject,
        serialNumber: cert.serialNumber,
        thumbprint: Buffer.from(await cert.getThumbprint('SHA-256')).toString('hex'),
        notBefore: cert.notBefore,
        notAfter: cert.notAfter,
        pem: cert.toString('pem'),
      };
    },
  },
};
