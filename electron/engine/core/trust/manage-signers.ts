import {
  zCreateDocumentSignerRequest,
  zUpdateDocumentSignerRequest,
  type DocumentSigner,
  type UpdateDocumentSignerRequest,
} from '../../../../shared/api/z-trust';
import { parseCertificatePem } from '../../keys/checks/certificate-facts';
import { signerCertificateProblems } from '../../keys/checks/signer-certificate-checks';
import { SIGNER_PROFILES } from '../../keys/certificate-profiles';
import type { EngineContext, RequestInfo } from '../context';
import type { OperationName } from '../events/event-log';
import type { SignerKind } from '../store';
import { badRequest, conflict, notFound } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import { createSignerKey, signerName } from './managed-issuance';
import { problemDetails } from './manage-iacas';
import { signerView } from './trust-views';
import { currentSignerOf, type LoadedSigner } from './trust-state';

// Document Signers (DESIGN §10) and status-list signers (DESIGN §11) share one key + CSR → checked
// certificate flow and one API shape (MATTR VII's document-signers); each kind has its own routes,
// certificate profile and events.

const EVENTS: Record<SignerKind, Record<'create' | 'update' | 'revoke', OperationName>> = {
  document_signer: {
    create: 'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_CREATE',
    update: 'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_UPDATE',
    revoke: 'MOBILE_CREDENTIAL_DOCUMENT_SIGNER_REVOKE',
  },
  status_list_signer: {
    create: 'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_CREATE',
    update: 'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_UPDATE',
    revoke: 'MOBILE_CREDENTIAL_STATUS_LIST_SIGNER_REVOKE',
  },
};
/** The event data key naming the signer. */
const ID_KEY: Record<SignerKind, string> = { document_signer: 'documentSignerId', status_list_signer: 'statusListSignerId' };

function findSigner(ctx: EngineContext, kind: SignerKind, id: string): LoadedSigner {
  const wanted = parseId(id, signerName(kind));
  const signer = ctx.trust.snapshot.signers.find((s) => s.record.id === wanted && s.record.kind === kind);
  if (!signer) throw notFound(`${signerName(kind)} not found`);
  return signer;
}

const view = (ctx: EngineContext, kind: SignerKind, id: string) => signerView(ctx.trust, findSigner(ctx, kind, id), ctx.clock.now());

export const listSigners = (ctx: EngineContext, kind: SignerKind) => {
  const now = ctx.clock.now();
  return { data: ctx.trust.snapshot.signers.filter((s) => s.record.kind === kind).map((s) => signerView(ctx.trust, s, now)) };
};
export const getSigner = (ctx: EngineContext, kind: SignerKind, id: string) => view(ctx, kind, id);

/**
 * POST /v2/credentials/mobile/document-signers (or …/status-list-signers) `{iacaId}` (DESIGN §10, §11):
 * a new key (in the token when one is configured) and its PKCS#10 CSR. An authority's IACA: 201 with
 * `csrPem`, inactive until its certificate is installed. A managed IACA signs at once: 201, active,
 * with `certificatePem`.
 */
export function createSigner(ctx: EngineContext, kind: SignerKind, input: unknown, request: RequestInfo): Promise<DocumentSigner> {
  const data: Record<string, string | boolean> = {};
  return ctx.events.operation(EVENTS[kind].create, request, data, async () => {
    const { iacaId } = parseManagementInput(zCreateDocumentSignerRequest, input);
    data.iacaId = iacaId;
    const iaca = ctx.trust.snapshot.iacas.find((i) => i.record.id === iacaId);
    if (!iaca) throw badRequest('Invalid request', [{ value: iacaId, msg: 'unknown IACA', param: 'iacaId', location: 'body' }]);
    const now = ctx.clock.now();
    if (iaca.certificate.cert.notAfter.getTime() <= now)
      throw conflict(`This IACA has expired; a ${signerName(kind)} under it could never sign`);
    let signer: LoadedSigner;
    if (iaca.record.managed) {
      signer = await ctx.trust.createManagedSigner(iaca, now, kind);
    } else {
      signer = await createSignerKey(ctx.trust.deps, iaca, now, kind);
      await ctx.stores.trust.insertSigner(signer.record);
      await ctx.trust.changed();
    }
    data[ID_KEY[kind]] = signer.record.id;
    data.keyCustody = signer.record.keyRef.custody;
    return view(ctx, kind, signer.record.id);
  });
}

/**
 * PUT /v2/credentials/mobile/document-signers/{id} (or …/status-list-signers/{id}) (DESIGN §10, §11):
 * `certificatePem` installs the authority's certificate for this signer's CSR after the checks of its
 * kind's Annex B profile (each broken rule one `details` entry), and it becomes active; `active`
 * switches an issued signer on or off.
 */
export function updateSigner(
  ctx: EngineContext,
  kind: SignerKind,
  id: string,
  input: unknown,
  request: RequestInfo,
): Promise<DocumentSigner> {
  return ctx.events.operation(EVENTS[kind].update, request, { [ID_KEY[kind]]: id }, async () => {
    const signer = findSigner(ctx, kind, id);
    const body = parseManagementInput(zUpdateDocumentSignerRequest, input);
    if (body.certificatePem !== undefined) await install(ctx, signer, body.certificatePem);
    if (body.active !== undefined) await switchSigner(ctx, kind, id, body);
    await ctx.trust.changed(); // and so the Status List Tokens follow (DESIGN §11)
    return view(ctx, kind, id);
  });
}

async function install(ctx: EngineContext, signer: LoadedSigner, pem: string): Promise<void> {
  const profile = SIGNER_PROFILES[signer.record.kind];
  if (signer.record.revokedAt !== undefined) throw conflict(`This ${profile.name} is revoked`);
  if (signer.record.certificate)
    throw conflict(`This ${profile.name} already has its certificate; create a new ${profile.name} for a new one`);
  const iaca = ctx.trust.snapshot.iacas.find((i) => i.record.id === signer.record.iacaId)!;
  let certificate;
  try {
    certificate = parseCertificatePem(pem);
  } catch (error) {
    throw badRequest('certificatePem is not a certificate', [{ msg: (error as Error).message, param: 'certificatePem', location: 'body' }]);
  }
  const now = ctx.clock.now();
  const problems = signerCertificateProblems(certificate, {
    publicKeySpki: signer.record.publicKeySpki,
    iaca: iaca.certificate,
    profile,
    now: new Date(now),
  });
  if (problems.length > 0) {
    throw badRequest(`The certificate does not fit this ${profile.name} (ISO 18013-5 Annex ${profile.annex})`, problemDetails(problems));
  }
  await ctx.trust.signerKey(signer); // its key must still be there and sign for this public key
  const outcome = await ctx.stores.trust.installCertificate(signer.record.id, {
    der: certificate.der,
    serialNumber: certificate.cert.serialNumber,
    notBefore: certificate.cert.notBefore.getTime(),
    notAfter: certificate.cert.notAfter.getTime(),
    installedAt: now,
  });
  if (outcome === 'not_found') throw notFound(`${profile.name} not found`);
  if (outcome !== 'installed')
    throw conflict(outcome === 'revoked' ? `This ${profile.name} is revoked` : `This ${profile.name} already has its certificate`);
}

async function switchSigner(ctx: EngineContext, kind: SignerKind, id: string, body: UpdateDocumentSignerRequest): Promise<void> {
  await ctx.trust.reload(); // a certificate installed in the same request counts
  const signer = findSigner(ctx, kind, id);
  const now = ctx.clock.now();
  // Without a status-list signer the lists are signed by the Document Signer (DESIGN §11): only the last Document Signer is kept on.
  if (!body.active && kind === 'document_signer') {
    const state = ctx.trust.snapshot;
    const without = { ...state, signers: state.signers.filter((s) => s !== signer) };
    if (currentSignerOf(state, now) && !currentSignerOf(without, now)) {
      throw conflict('Switching this Document Signer off would leave none to sign new mDocs; install or activate another one first');
    }
  }
  if (!(await ctx.stores.trust.setSignerActive(id, body.active!))) {
    const name = signerName(kind);
    throw conflict(signer.record.revokedAt !== undefined ? `This ${name} is revoked` : `This ${name} has no certificate yet`);
  }
}

/**
 * POST …/document-signers/{id}/revoke (or …/status-list-signers/{id}/revoke) (DESIGN §10, managed
 * IACAs): for good, onto the IACA's CRL at once; a managed IACA that was signing with it gets a new
 * signer of its kind in the same step, and Status List Tokens it signed are signed again.
 */
export function revokeSigner(
  ctx: EngineContext,
  kind: SignerKind,
  id: string,
  request: RequestInfo,
): Promise<{ revoked: true; revocationDate: string }> {
  return ctx.events.operation(EVENTS[kind].revoke, request, { [ID_KEY[kind]]: id }, async () => {
    const signer = findSigner(ctx, kind, id);
    const iaca = ctx.trust.snapshot.iacas.find((i) => i.record.id === signer.record.iacaId)!;
    if (!iaca.record.managed) {
      throw conflict(
        `A ${signerName(kind)} under an authority's IACA is revoked by that authority, on its CRL; switch it off here with PUT {"active": false}`,
      );
    }
    const now = ctx.clock.now();
    ctx.trust.withdraw(id); // no mDoc is signed with it from here on, even while the revocation is stored
    const outcome = await ctx.stores.trust.revokeSigner(id, now).finally(() => ctx.trust.reload());
    if (outcome === 'not_found') throw notFound(`${signerName(kind)} not found`);
    if (outcome === 'already_revoked') throw conflict(`This ${signerName(kind)} is already revoked`);
    await ctx.trust.maintain(); // a replacement if it was needed, the CRL re-signed, the Status List Tokens after it
    return { revoked: true as const, revocationDate: new Date(now).toISOString() };
  });
}
