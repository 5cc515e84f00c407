import { z } from 'zod';
import type { KeyCustody, KeyVault } from '../signing/key-custody';
import { zKeyRef } from '../signing/key-ref';
import type { Stores } from '../store';
import { CorruptRecordError } from '../store-errors';
import { createSignedMetadata, type MetadataSigner, type SignedMetadata } from './signed-metadata';

// Which key signs the issuer metadata (DESIGN §12): one imported at start (COUNTER_METADATA_SIGNING_KEY
// and _CERT), or one made in the kiosk (a key file, or in the PKCS#11 token when one is configured)
// and certified by a CA through its CSR. The kiosk's is kept in the database (the key's reference,
// its CSR while pending, its certificate chain once installed), so every process on it signs with
// the same key (DESIGN §13); a change reaches the others on the change feed.

export const METADATA_SIGNER_SETTING = 'metadata-signer';
const METADATA_SIGNER_TOPIC = 'metadata-signer';

const zKeyRecord = z.object({ id: z.uuid(), keyRef: zKeyRef, publicKeySpki: z.base64(), createdAt: z.number() });
export const zStoredMetadataSigner = z.object({
  /** A key waiting for its certificate. */
  pending: zKeyRecord.extend({ csr: z.base64() }).optional(),
  /** The key the metadata is signed with, and its chain (leaf first, base64 DER). */
  active: zKeyRecord.extend({ chain: z.array(z.base64()).min(1).max(5), installedAt: z.number(), notAfter: z.number() }).optional(),
});
export type StoredMetadataSigner = z.infer<typeof zStoredMetadataSigner>;

export interface MetadataSigning {
  /** The chain of the key imported at start; then the kiosk's own cannot be set. */
  readonly imported?: Uint8Array[];
  /** Where new keys are made (the token when configured, else key files). */
  readonly custody: KeyCustody;
  /** `signed_metadata` for these metadata parameters, or undefined when no key can sign now. */
  sign(metadata: Record<string, unknown>, now: number): Promise<string | undefined>;
  /** The kiosk's own signer as stored. */
  stored(): Promise<StoredMetadataSigner>;
  save(signer: StoredMetadataSigner, now: number): Promise<void>;
}

export function createMetadataSigning(deps: {
  stores: Stores;
  vault: KeyVault;
  issuer: string;
  imported?: MetadataSigner;
  log: (message: string, error?: unknown) => void;
}): MetadataSigning {
  const { stores, vault, issuer, log } = deps;
  const imported = deps.imported && createSignedMetadata(deps.imported, issuer);
  // The stored signer and its opened key, until a change here or in another process.
  let current: Promise<{ stored: StoredMetadataSigner; signed?: SignedMetadata }> | undefined;
  stores.feed.subscribe(METADATA_SIGNER_TOPIC, () => (current = undefined));

  const stored = async () => readStored(await stores.walletProtocol.getSetting(METADATA_SIGNER_SETTING));
  const load = async () => {
    const s = await stored();
    const active = s.active;
    if (!active) return { stored: s };
    const signer = await vault.open(active.keyRef, Buffer.from(active.publicKeySpki, 'base64'), `metadata signing key ${active.id}`);
    const chain: MetadataSigner = {
      sign: (data) => signer.sign(data),
      certificateChainDer: active.chain.map((der) => new Uint8Array(Buffer.from(der, 'base64'))),
      notAfter: new Date(active.notAfter),
    };
    return { stored: s, signed: createSignedMetadata(chain, issuer) };
  };

  return {
    ...(deps.imported ? { imported: deps.imported.certificateChainDer } : {}),
    custody: vault.signerKeys,
    async sign(metadata, now) {
      if (imported) return imported.sign(metadata, now);
      const p = (current ??= load());
      p.catch(() => (current = undefined));
      let loaded: Awaited<typeof p>;
      try {
        loaded = await p;
      } catch (error) {
        // The metadata stays available to every wallet; the admin sees why in the log.
        log('the metadata signing key cannot be used; the issuer metadata is served unsigned', error);
        return undefined;
      }
      const { signed } = loaded;
      const notAfter = loaded.stored.active?.notAfter ?? 0;
      return signed && notAfter > now ? signed.sign(metadata, now) : undefined;
    },
    stored,
    async save(signer, now) {
      await stores.walletProtocol.putSetting(METADATA_SIGNER_SETTING, JSON.stringify(signer), now);
      current = undefined;
      stores.feed.publish(METADATA_SIGNER_TOPIC);
    },
  };
}

/** A damaged record fails loudly (CorruptRecordError), never as "no signer". */
function readStored(value: string | undefined): StoredMetadataSigner {
  if (value === undefined) return {};
  let parsed;
  try {
    parsed = zStoredMetadataSigner.safeParse(JSON.parse(value));
  } catch {
    throw new CorruptRecordError(`wallet_settings.${METADATA_SIGNER_SETTING}`, 'not JSON');
  }
  if (!parsed.success) throw new CorruptRecordError(`wallet_settings.${METADATA_SIGNER_SETTING}`, parsed.error.message);
  return parsed.data;
}
