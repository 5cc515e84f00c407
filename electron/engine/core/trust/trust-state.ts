import type { DocumentSignerStatus, TrustNotice } from '../../../../shared/api/z-trust';
import type { ParsedCertificate } from '../../keys/checks/certificate-facts';
import type { Es256Signer } from '../signing/es256-signer';
import type { IacaRecord, SignerKind, SignerRecord } from '../store';

/** When a Document Signer is replaced (managed) or flagged (unmanaged), and how the CRL is kept fresh (DESIGN §10). */
export interface TrustPolicy {
  /** A managed Document Signer is replaced this long before it ends; an authority's is flagged from then on. */
  renewBeforeMs: number;
  /** A CRL is valid this long (thisUpdate → nextUpdate)… */
  crlValidityMs: number;
  /** …and re-signed once less than this is left. */
  crlRefreshBeforeMs: number;
}

const DAY = 86_400_000;
export const DEFAULT_TRUST_POLICY: TrustPolicy = { renewBeforeMs: 30 * DAY, crlValidityMs: 7 * DAY, crlRefreshBeforeMs: 2 * DAY };

export interface LoadedIaca {
  record: IacaRecord;
  certificate: ParsedCertificate;
}

export interface LoadedSigner {
  record: SignerRecord;
  /** Parsed once the authority's (or the managed IACA's) certificate is installed. */
  certificate?: ParsedCertificate;
  /** Opened for every signer that can sign now or later; absent for revoked and expired ones. */
  signer?: Es256Signer;
}

export interface TrustState {
  iacas: LoadedIaca[];
  /** Signers of every kind (Document Signers, status-list signers); each rule below looks at one kind. */
  signers: LoadedSigner[];
}

/** Installed, switched on, not revoked, and inside its validity at `now`. */
export function canSign(signer: LoadedSigner, now: number): boolean {
  const { record } = signer;
  const certificate = record.certificate;
  return Boolean(
    certificate &&
    signer.signer &&
    record.active &&
    record.revokedAt === undefined &&
    certificate.notBefore <= now &&
    now < certificate.notAfter,
  );
}

/**
 * DESIGN §10: new mDocs are signed by the newest active Document Signer of an active IACA; likewise
 * the newest status-list signer signs Status List Tokens (DESIGN §11), of `iacaId` when given.
 */
export function currentSignerOf(
  state: TrustState,
  now: number,
  kind: SignerKind = 'document_signer',
  iacaId?: string,
): LoadedSigner | undefined {
  const activeIacas = new Set(state.iacas.filter((iaca) => iaca.record.active && iacaValidAt(iaca, now)).map((iaca) => iaca.record.id));
  let best: LoadedSigner | undefined;
  for (const signer of state.signers) {
    if (signer.record.kind !== kind || (iacaId !== undefined && signer.record.iacaId !== iacaId)) continue;
    if (!activeIacas.has(signer.record.iacaId) || !canSign(signer, now)) continue;
    if (!best || newer(signer, best)) best = signer;
  }
  return best;
}

/**
 * The newest signer of `kind` under `iacaId` that can sign now, whether or not that IACA is still
 * switched on for new mDocs: the status lists of its mDocs outlive that (DESIGN §11).
 */
export function newestSignerUnder(state: TrustState, iacaId: string, kind: SignerKind, now: number): LoadedSigner | undefined {
  const iaca = state.iacas.find((i) => i.record.id === iacaId);
  if (!iaca || !iacaValidAt(iaca, now)) return undefined;
  let best: LoadedSigner | undefined;
  for (const signer of state.signers) {
    if (signer.record.kind !== kind || signer.record.iacaId !== iacaId || !canSign(signer, now)) continue;
    if (!best || newer(signer, best)) best = signer;
  }
  return best;
}

const newer = (a: LoadedSigner, b: LoadedSigner) => {
  const [x, y] = [a.record.certificate!, b.record.certificate!];
  return x.notBefore !== y.notBefore ? x.notBefore > y.notBefore : x.installedAt > y.installedAt;
};

export const iacaValidAt = (iaca: LoadedIaca, now: number) =>
  iaca.certificate.cert.notBefore.getTime() <= now && now < iaca.certificate.cert.notAfter.getTime();

/**
 * Whether a (managed or authority) IACA has a signer that will still be good `renewBeforeMs` from now:
 * if not, a managed IACA gets a new one and an authority's is flagged.
 */
export function needsNewSigner(
  state: TrustState,
  iaca: LoadedIaca,
  now: number,
  policy: TrustPolicy,
  kind: SignerKind = 'document_signer',
): boolean {
  return !state.signers.some(
    (signer) =>
      signer.record.kind === kind &&
      signer.record.iacaId === iaca.record.id &&
      canSign(signer, now) &&
      signer.record.certificate!.notAfter - now > policy.renewBeforeMs,
  );
}

/** The status the API and the Trust screen show for a signer (shared/api/z-trust.ts). */
export function signerStatus(state: TrustState, signer: LoadedSigner, now: number, policy: TrustPolicy): DocumentSignerStatus {
  const { record } = signer;
  if (record.revokedAt !== undefined) return 'revoked';
  if (!record.certificate) return 'pending';
  if (record.certificate.notAfter <= now) return 'expired';
  if (!record.active) return 'inactive';
  const iaca = state.iacas.find((i) => i.record.id === record.iacaId);
  if (record.certificate.notAfter - now <= policy.renewBeforeMs && iaca && needsNewSigner(state, iaca, now, policy, record.kind)) {
    return 'expiring';
  }
  return 'active';
}

/**
 * Plain-words warnings for the clerk-admin (DESIGN §10 rotation): what needs doing, and by when. Each
 * has a code, the IACA's name and the date, so the counter UI says it in the clerk's language.
 */
export function trustNotices(state: TrustState, now: number, policy: TrustPolicy): TrustNotice[] {
  const notices: TrustNotice[] = [];
  const date = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => date(ms).slice(0, 10);
  const current = currentSignerOf(state, now);
  if (!current) {
    notices.push({
      code: 'NoSigner',
      message: 'No Document Signer can sign now: new mDocs cannot be issued until one is active under an active IACA.',
    });
  }
  for (const iaca of state.iacas.filter((i) => i.record.active)) {
    const name = iaca.certificate.cert.subjectName.getField('CN')[0] ?? iaca.record.id;
    const notAfter = iaca.certificate.cert.notAfter.getTime();
    if (notAfter - now <= policy.renewBeforeMs) {
      notices.push({
        code: 'IacaExpiring',
        iacaName: name,
        date: date(notAfter),
        message: `The IACA "${name}" expires on ${day(notAfter)}: create or register a new IACA and give it to verifiers before then.`,
      });
    }
    if (iaca.record.managed || !needsNewSigner(state, iaca, now, policy)) continue;
    const ending = state.signers
      .filter((s) => s.record.kind === 'document_signer' && s.record.iacaId === iaca.record.id && canSign(s, now))
      .map((s) => s.record.certificate!.notAfter)
      .sort((a, b) => b - a)[0];
    notices.push(
      ending === undefined
        ? {
            code: 'IacaHasNoSigner',
            iacaName: name,
            message: `The IACA "${name}" has no Document Signer that can sign: create one and have the authority sign its CSR.`,
          }
        : {
            code: 'SignerNeedsCertificate',
            iacaName: name,
            date: date(ending),
            message: `The Document Signer of IACA "${name}" needs a new certificate by ${day(ending)}: create a new Document Signer and have the authority sign its CSR.`,
          },
    );
  }
  return notices;
}
