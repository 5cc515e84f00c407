import { sha256Fingerprint } from '../../keys/checks/certificate-facts';
import { LEGACY_KEY_NAMES, type LegacyKeyDir } from '../../keys/legacy-key-dir';
import { createSignerCsr } from '../../keys/x509/build-certificates';
import type { KeyRef } from '../signing/key-ref';
import { createManagedIaca } from './managed-issuance';
import { TrustService, type TrustServiceDeps } from './trust-service';

export interface OpenTrustOptions extends TrustServiceDeps {
  /** The one country setting (DESIGN §10): the first managed IACA's countryName. */
  country: string;
  /** The key directory of earlier versions, if there is one to take over. */
  readLegacy: () => Promise<LegacyKeyDir | undefined>;
  /** Set when the data dir already held a database: then no IACA is ever created silently (DESIGN §8). */
  refuseToCreate?: string;
  /** Whether the key directory holds any key file (a deleted or empty one is told apart from one missing file). */
  hasKeyFiles?: () => Promise<boolean>;
}

/**
 * Start-up (DESIGN §10): with IACAs in the database, opens them and their signers' keys (refusing to
 * start when one is missing, DESIGN §8); on the first start of this version over an older key directory, takes
 * that IACA and Document Signer over as managed ones, keys where they are; on the very first start,
 * creates a managed IACA, active. Then maintenance gives every active managed IACA a Document Signer.
 */
export async function openTrust(options: OpenTrustOptions): Promise<TrustService> {
  const service = new TrustService(options);
  const now = options.clock.now();
  const iacas = await options.store.listIacas();
  if (iacas.length === 0) {
    const legacy = await options.readLegacy();
    if (legacy) await adoptLegacy(service, legacy, now);
    else if (options.refuseToCreate) throw noKeys(options.refuseToCreate);
    else {
      const { iaca } = await createManagedIaca(options, { now, country: options.country, active: true });
      await options.store.insertIaca(iaca.record);
      options.log?.(`Created a managed IACA "${iaca.certificate.cert.subject}" (${iaca.record.id})`);
    }
  } else if (options.refuseToCreate && iacas.some((i) => i.keyRef?.custody === 'file') && !(await options.hasKeyFiles?.())) {
    throw noKeys(options.refuseToCreate);
  }
  await service.reload();
  await service.maintain();
  return service;
}

const noKeys = (why: string) =>
  new Error(
    `No issuer keys in the keys directory, but ${why}. Restore the keys directory from a backup; ` +
      'to start over with a new IACA, move the whole data dir aside (readers must then be given the new IACA).',
  );

async function adoptLegacy(service: TrustService, legacy: LegacyKeyDir, now: number): Promise<void> {
  const { store, random } = service.deps;
  const iacaKey: KeyRef = { custody: 'file', name: LEGACY_KEY_NAMES.iaca };
  const signerKey: KeyRef = { custody: 'file', name: LEGACY_KEY_NAMES.documentSigner };
  const signerSpki = new Uint8Array(legacy.documentSigner.cert.publicKey.rawData);
  // Opening proves each key belongs to its certificate (and seals a plain one under the KeyProtection).
  await service.deps.vault.open(iacaKey, new Uint8Array(legacy.iaca.cert.publicKey.rawData), 'IACA private key');
  const signer = await service.deps.vault.open(signerKey, signerSpki, 'Document Signer private key');
  const iaca = {
    id: random.uuid(),
    managed: true,
    active: true,
    certificateDer: legacy.iaca.der,
    fingerprint: sha256Fingerprint(legacy.iaca),
    keyRef: iacaKey,
    createdAt: now,
    updatedAt: now,
  };
  // The old layout kept no CSR; one signed now by the same key keeps the record shape whole.
  const csr = await createSignerCsr({
    key: { publicKeySpki: signerSpki, signer },
    commonName: legacy.documentSigner.cert.subjectName.getField('CN')[0] ?? 'Document Signer',
    iaca: legacy.iaca.cert,
  });
  await store.insertIaca(iaca);
  await store.insertSigner({
    id: random.uuid(),
    kind: 'document_signer',
    iacaId: iaca.id,
    keyRef: signerKey,
    publicKeySpki: signerSpki,
    csrDer: new Uint8Array(csr.rawData),
    certificate: {
      der: legacy.documentSigner.der,
      serialNumber: legacy.documentSigner.cert.serialNumber,
      notBefore: legacy.documentSigner.cert.notBefore.getTime(),
      notAfter: legacy.documentSigner.cert.notAfter.getTime(),
      installedAt: now,
    },
    active: true,
    createdAt: now,
  });
  service.deps.log?.(`Took over the IACA and Document Signer of the key directory (IACA ${iaca.id})`);
}
