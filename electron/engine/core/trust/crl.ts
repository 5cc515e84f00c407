import { createCrl, type RevokedSerial } from '../../keys/x509/build-crl';
import type { Es256Signer } from '../signing/es256-signer';
import type { TrustStore } from '../store';
import type { LoadedIaca, TrustPolicy } from './trust-state';

/**
 * DESIGN §10: the CRL a managed IACA publishes at its CRL distribution point. The stored one is
 * served while it holds every revocation and its nextUpdate is not near; otherwise a new one is
 * signed with the next cRLNumber. When another process stored a newer one first, that one is served.
 */
export async function freshCrl(options: {
  store: TrustStore;
  iaca: LoadedIaca;
  iacaSigner: () => Promise<Es256Signer>;
  revoked: RevokedSerial[] | { serialNumber: string; revokedAt: number }[];
  now: number;
  policy: TrustPolicy;
}): Promise<Uint8Array> {
  const { store, iaca, now, policy } = options;
  const revoked = options.revoked.map((r) => ({ serialNumber: r.serialNumber, revokedAt: new Date(r.revokedAt) }));
  const stored = await store.getCrl(iaca.record.id);
  const latestRevocation = Math.max(0, ...revoked.map((r) => r.revokedAt.getTime()));
  if (stored && stored.thisUpdate >= latestRevocation && stored.nextUpdate - now > policy.crlRefreshBeforeMs) return stored.der;

  const number = (stored?.number ?? 0) + 1;
  const thisUpdate = Math.floor(now / 1000) * 1000;
  const nextUpdate = Math.min(thisUpdate + policy.crlValidityMs, iaca.certificate.cert.notAfter.getTime());
  const crl = await createCrl({
    iaca: iaca.certificate.cert,
    iacaSigner: await options.iacaSigner(),
    number,
    thisUpdate: new Date(thisUpdate),
    nextUpdate: new Date(nextUpdate),
    revoked,
  });
  const der = new Uint8Array(crl.rawData);
  // thisUpdate is kept to the millisecond so that a revocation in the same second still counts as included.
  if (await store.saveCrl({ iacaId: iaca.record.id, number, der, thisUpdate: Math.max(now, latestRevocation), nextUpdate })) return der;
  return (await store.getCrl(iaca.record.id))!.der;
}
