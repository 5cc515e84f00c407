// The cryptography of one issuance, alone, in a bare node:crypto loop: one ES256 proof
// verification, the MSO signature, the engine's self-check verification of it, and the SHA-256
// digests of the mDL's elements. The ratio of the full flow to this says what the rest costs.
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';

const ELEMENTS = 13; // digests per mDL (one per element) plus the MSO itself

export function cryptoFlowsPerSecond(iterations = 3000): number {
  const device = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const proofInput = Buffer.alloc(420, 1);
  const proofSignature = sign('sha256', proofInput, { key: device.privateKey, dsaEncoding: 'ieee-p1363' });
  const element = Buffer.alloc(220, 2);
  const mso = Buffer.alloc(900, 3);
  const run = () => {
    if (!verify('sha256', proofInput, { key: device.publicKey, dsaEncoding: 'ieee-p1363' }, proofSignature)) throw new Error('proof');
    for (let i = 0; i < ELEMENTS; i += 1) createHash('sha256').update(element).digest();
    const signature = sign('sha256', mso, { key: issuer.privateKey, dsaEncoding: 'ieee-p1363' });
    if (!verify('sha256', mso, { key: issuer.publicKey, dsaEncoding: 'ieee-p1363' }, signature)) throw new Error('self-check');
    for (let i = 0; i < ELEMENTS; i += 1) createHash('sha256').update(element).digest(); // self-check digests
  };
  for (let i = 0; i < 200; i += 1) run();
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) run();
  return iterations / ((performance.now() - start) / 1000);
}
