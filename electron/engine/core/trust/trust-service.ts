import { describeKeyRef } from '../signing/key-ref';
import type { Es256Signer, MdocSigner } from '../signing/es256-signer';
import type { KeyVault } from '../signing/key-custody';
import type { ChangeFeed, SignerKind, TrustStore } from '../store';
import type { Clock } from '../util/clock';
import type { RandomSource } from '../util/secrets';
import { parseCertificateDer, type ParsedCertificate } from '../../keys/checks/certificate-facts';
import { certifyWithManagedIaca, createSignerKey, signerName, type IssuanceDeps } from './managed-issuance';
import { freshCrl } from './crl';
import {
  DEFAULT_TRUST_POLICY,
  currentSignerOf,
  iacaValidAt,
  needsNewSigner,
  newestSignerUnder,
  type LoadedIaca,
  type LoadedSigner,
  type TrustPolicy,
  type TrustState,
} from './trust-state';

const TRUST_TOPIC = 'trust';

/** The Document Signer an mDoc is signed with, and what its self-check and claims need (DESIGN §5, §10). */
export interface CurrentSigner extends MdocSigner {
  id: string;
  iacaId: string;
  iacaCertificateDer: Uint8Array;
  /** The IACA's countryName: the default `issuing_country` (ISO 18013-5 Annex B.1.4). */
  country: string;
}

/** A signer as those who only sign need it (DESIGN §10): its port, certificate and identity, never its key. */
export interface SignerPort {
  id: string;
  kind: SignerKind;
  iacaId: string;
  certificateDer: Uint8Array;
  notAfter: Date;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

function signerPort(signer: LoadedSigner): SignerPort {
  const certificate = signer.record.certificate!;
  return {
    id: signer.record.id,
    kind: signer.record.kind,
    iacaId: signer.record.iacaId,
    certificateDer: certificate.der,
    notAfter: new Date(certificate.notAfter),
    sign: signer.signer!.sign.bind(signer.signer),
  };
}

const SIGNER_KINDS: readonly SignerKind[] = ['document_signer', 'status_list_signer'];

export interface TrustServiceDeps extends IssuanceDeps {
  store: TrustStore;
  vault: KeyVault;
  clock: Clock;
  random: RandomSource;
  policy?: TrustPolicy;
  /**
   * Runs maintenance one process at a time when several share the database (DESIGN §13: key renewal
   * under an advisory lock), so that two kiosks never both renew the same IACA's signer.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Tells the other processes on the database that IACAs or signers changed (and hears them). */
  feed?: ChangeFeed;
  /**
   * Hears that this process changed IACAs or signers (after the change is loaded, outside the trust
   * lock): Status List Tokens follow their signers (DESIGN §11).
   */
  onChanged?: () => Promise<void>;
  /** Hears about keys made by rotation (ids only). */
  onSignerCreated?: (signer: LoadedSigner, reason: 'rotation' | 'custody') => Promise<void>;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The kiosk's IACAs and signers in memory, with their keys opened (DESIGN §10), so that picking the
 * signer for an mDoc is a look-up. The store stays the truth: every change goes to it first, then
 * `reload()` brings this view up to date.
 */
export class TrustService {
  readonly policy: TrustPolicy;
  private state: TrustState = { iacas: [], signers: [] };
  private readonly iacaSigners = new Map<string, Promise<Es256Signer>>();
  /** Parsed certificates by record id: an IACA's certificate, or a signer's once installed, never changes. */
  private readonly parsed = new Map<string, ParsedCertificate>();
  private maintaining: Promise<void> | undefined;
  /** Inside a maintenance run, onChanged waits for its end (it must not run under the trust lock). */
  private inMaintenance = false;

  private readonly unsubscribe: () => void;

  constructor(readonly deps: TrustServiceDeps) {
    this.policy = deps.policy ?? DEFAULT_TRUST_POLICY;
    // Another process revoked, installed or rotated: read it now, not at the next maintenance.
    this.unsubscribe =
      deps.feed?.subscribe(TRUST_TOPIC, () => void this.reload().catch((error) => deps.log?.('trust reload failed', error))) ?? (() => {});
  }

  /** After a change to the store: this process sees it at once, the others on the database at their next signal. */
  async changed(): Promise<void> {
    await this.reload();
    this.deps.feed?.publish(TRUST_TOPIC);
    if (!this.inMaintenance) await this.deps.onChanged?.();
  }

  get snapshot(): TrustState {
    return this.state;
  }

  /**
   * Re-reads the store and opens the key of every signer that can sign now or later (installed, not
   * revoked, not expired), keeping the ones already open. A key that cannot be opened is an error
   * naming the signer and where its key is: at start-up the kiosk refuses to start.
   */
  async reload(): Promise<void> {
    const now = this.deps.clock.now();
    const [iacaRecords, ...signerLists] = await Promise.all([
      this.deps.store.listIacas(),
      ...SIGNER_KINDS.map((kind) => this.deps.store.listSigners({ kind })),
    ]);
    const signerRecords = signerLists.flat();
    const previous = new Map(this.state.signers.map((s) => [s.record.id, s]));
    const iacas = iacaRecords.map((record) => ({ record, certificate: this.parse(record.id, record.certificateDer) }));
    const signers: LoadedSigner[] = [];
    for (const record of signerRecords) {
      const loaded: LoadedSigner = {
        record,
        ...(record.certificate ? { certificate: this.parse(record.id, record.certificate.der) } : {}),
      };
      const usable = record.certificate && record.revokedAt === undefined && record.certificate.notAfter > now;
      if (usable) loaded.signer = previous.get(record.id)?.signer ?? (await this.openSigner(loaded));
      signers.push(loaded);
    }
    this.state = { iacas, signers };
  }

  private parse(id: string, der: Uint8Array): ParsedCertificate {
    let certificate = this.parsed.get(id);
    if (!certificate) {
      certificate = parseCertificateDer(der);
      this.parsed.set(id, certificate);
    }
    return certificate;
  }

  private async openSigner(signer: LoadedSigner): Promise<Es256Signer> {
    const label = `${signerName(signer.record.kind)} ${signer.record.id} key (${describeKeyRef(signer.record.keyRef)})`;
    return this.deps.vault.open(signer.record.keyRef, signer.record.publicKeySpki, label);
  }

  /** Stops signing with `id` at once, before its revocation is stored (a failed store reverts on the next reload). */
  withdraw(id: string): void {
    this.state = { ...this.state, signers: this.state.signers.filter((s) => s.record.id !== id) };
  }

  /** The signer of a pending signer's key, to prove it before a certificate is installed for it. */
  signerKey(signer: LoadedSigner): Promise<Es256Signer> {
    return signer.signer ? Promise.resolve(signer.signer) : this.openSigner(signer);
  }

  /** A managed IACA's own key (for Document Signer certificates and CRLs), opened once. */
  iacaSigner(iaca: LoadedIaca): Promise<Es256Signer> {
    if (!iaca.record.managed || !iaca.record.keyRef) throw new Error(`IACA ${iaca.record.id} is an authority's: its key is not here`);
    let signer = this.iacaSigners.get(iaca.record.id);
    if (!signer) {
      const spki = new Uint8Array(iaca.certificate.cert.publicKey.rawData);
      signer = this.deps.vault.open(iaca.record.keyRef, spki, `IACA ${iaca.record.id} private key`);
      this.iacaSigners.set(iaca.record.id, signer);
      signer.catch(() => this.iacaSigners.delete(iaca.record.id));
    }
    return signer;
  }

  /** DESIGN §10: the newest active Document Signer of an active IACA, valid at `now`. */
  currentSigner(now: number): CurrentSigner | undefined {
    const chosen = currentSignerOf(this.state, now);
    if (!chosen) return undefined;
    const iaca = this.state.iacas.find((i) => i.record.id === chosen.record.iacaId)!;
    const certificate = chosen.record.certificate!;
    const sign = chosen.signer!.sign.bind(chosen.signer);
    return {
      id: chosen.record.id,
      iacaId: iaca.record.id,
      certificateDer: certificate.der,
      notBefore: new Date(certificate.notBefore),
      notAfter: new Date(certificate.notAfter),
      iacaCertificateDer: iaca.record.certificateDer,
      country: iaca.certificate.cert.subjectName.getField('C')[0]!,
      sign,
    };
  }

  /**
   * DESIGN §11: the newest status-list signer under the IACA of the current Document Signer, so that
   * a verifier who trusts the IACA of an mDoc trusts its status list too; undefined when there is none.
   */
  currentStatusListSigner(now: number): SignerPort | undefined {
    const iacaId = currentSignerOf(this.state, now)?.record.iacaId;
    return iacaId === undefined ? undefined : this.signersUnder(iacaId, now).statusListSigner;
  }

  /** DESIGN §11: the newest status-list signer and Document Signer under `iacaId` that can sign now. */
  signersUnder(iacaId: string, now: number): { statusListSigner?: SignerPort; documentSigner?: SignerPort } {
    const statusListSigner = newestSignerUnder(this.state, iacaId, 'status_list_signer', now);
    const documentSigner = newestSignerUnder(this.state, iacaId, 'document_signer', now);
    return {
      ...(statusListSigner ? { statusListSigner: signerPort(statusListSigner) } : {}),
      ...(documentSigner ? { documentSigner: signerPort(documentSigner) } : {}),
    };
  }

  /** The IACAs verifiers should trust now (metadata's `mdoc_iacas_uri`, DESIGN §10). */
  activeIacas(): LoadedIaca[] {
    return this.state.iacas.filter((iaca) => iaca.record.active);
  }

  /** Makes a managed IACA's new signer of `kind`: key (token or file), CSR, certificate, stored active. */
  async createManagedSigner(iaca: LoadedIaca, now: number, kind: SignerKind = 'document_signer'): Promise<LoadedSigner> {
    const signer = await createSignerKey(this.deps, iaca, now, kind);
    const certificate = await certifyWithManagedIaca(this.deps, iaca, await this.iacaSigner(iaca), signer, now);
    signer.record = { ...signer.record, certificate, active: true };
    await this.deps.store.insertSigner(signer.record);
    await this.changed();
    return this.state.signers.find((s) => s.record.id === signer.record.id) ?? signer;
  }

  /**
   * Keeps signing possible without anyone looking (DESIGN §10): each active managed IACA gets a new
   * Document Signer and a new status-list signer (DESIGN §11) before its newest one ends (the old one
   * keeps signing until then, so there is always an overlap), or when new signer keys now belong in
   * the token; every managed IACA's CRL is re-signed before its nextUpdate. Runs one at a time.
   */
  maintain(): Promise<void> {
    // Each call gets a run of its own after the one in progress, so a change just made is always seen.
    const exclusive = this.deps.exclusive ?? ((work) => work());
    const run = (this.maintaining ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => exclusive(() => this.runMaintenance()))
      .then(() => this.deps.onChanged?.());
    this.maintaining = run;
    return run;
  }

  private async runMaintenance(): Promise<void> {
    this.inMaintenance = true;
    try {
      await this.maintenanceSteps();
    } finally {
      this.inMaintenance = false;
    }
  }

  private async maintenanceSteps(): Promise<void> {
    await this.reload();
    const now = this.deps.clock.now();
    for (const iaca of this.state.iacas) {
      if (!iaca.record.managed || !iaca.record.active || !iacaValidAt(iaca, now)) continue;
      for (const kind of SIGNER_KINDS) {
        const reason = needsNewSigner(this.state, iaca, now, this.policy, kind)
          ? 'rotation'
          : this.misplaced(iaca, now, kind)
            ? 'custody'
            : undefined;
        if (!reason) continue;
        // Near the IACA's own end a new signer would end no later than the current one (it is capped at the
        // IACA's notAfter): keep the current one, and let the notice ask for a new IACA.
        const iacaEnding = iaca.certificate.cert.notAfter.getTime() - now <= this.policy.renewBeforeMs;
        if (iacaEnding && currentSignerOf({ iacas: [iaca], signers: this.state.signers }, now, kind)) continue;
        const created = await this.createManagedSigner(iaca, now, kind);
        await this.deps.onSignerCreated?.(created, reason);
      }
    }
    for (const iaca of this.state.iacas.filter((i) => i.record.managed)) await this.crl(iaca.record.id);
  }

  /** The newest usable signer of a managed IACA has its key somewhere new keys no longer go (a token was configured). */
  private misplaced(iaca: LoadedIaca, now: number, kind: SignerKind): boolean {
    const newest = currentSignerOf({ iacas: [iaca], signers: this.state.signers }, now, kind);
    return newest !== undefined && newest.record.keyRef.custody !== this.deps.vault.signerKeys.kind;
  }

  /** The current DER CRL of a managed IACA, re-signed when a revocation is newer or nextUpdate is near; undefined for others. */
  async crl(iacaId: string): Promise<Uint8Array | undefined> {
    const iaca = this.state.iacas.find((i) => i.record.id === iacaId);
    if (!iaca?.record.managed) return undefined;
    const revoked = this.state.signers.filter(
      (s) => s.record.iacaId === iacaId && s.record.revokedAt !== undefined && s.record.certificate,
    );
    return freshCrl({
      store: this.deps.store,
      iaca,
      iacaSigner: () => this.iacaSigner(iaca),
      revoked: revoked.map((s) => ({ serialNumber: s.record.certificate!.serialNumber, revokedAt: s.record.revokedAt! })),
      now: this.deps.clock.now(),
      policy: this.policy,
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.deps.vault.close();
  }
}
