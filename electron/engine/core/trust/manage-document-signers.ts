import { z } from 'zod';
import {
  zCreateDocumentSignerRequest,
  zUpdateDocumentSignerRequest,
  type DocumentSigner,
  type UpdateDocumentSignerRequest,
} from '../../../../shared/api/z-trust';
import { parseCertificatePem } from '../../keys/checks/certificate-facts';
import { signerCertificateProblems } from '../../keys/checks/signer-certificate-checks';
import { DOCUMENT_SIGNER_PROFILE } from '../../keys/certificate-profiles';
import type { EngineContext, RequestInfo } from '../context';
import { badRequest, conflict, notFound } from '../errors/management-error';
import { parseManagementInput } from '../errors/parse-input';
import { createSignerKey } from './managed-issuance';
import { problemDetails } from './manage-iacas';
import { signerView } from './trust-views';
import { currentSignerOf, type LoadedSigner } from './trust-state';

const zId = z.uuid();

function findSigner(ctx: EngineContext, id: string): LoadedSigner {
  const signer = zId.safeParse(id).success ? ctx.trust.snapshot.signers.find((s) => s.record.id === id) : undefined;
  if (!signer) throw notFound('Document Signer not found');
  return signer;
}

const view = (ctx: EngineContext, id: string) => signerView(ctx.trust, findSigner(ctx, id), ctx.clock.now());

export const listDocumentSigners = (ctx: EngineContext) => {
  const now = ctx.clock.now();
  return { data: ctx.trust.snapshot.signers.map((s) => signerView(ctx.trust, s, now)) };
};
export const getDocumentSigner = (ctx: EngineContext, id: string) => view(ctx, id);

/**
 * POST /v2/credentials/mobile/document-signers `{iacaId}` (DESIGN §10): a new key (in the token when one
 * is configured) and its PKCS#10 CSR. An authority's IACA: 201 with `csrPem`, inactive until its
 * certificate is installed. A managed IACA signs at once: 201, active, with `certificatePem`.
 */
export function createDocumentSigner(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<DocumentSigner> {
  const data: Record<string, string | boolean> = {};
  return ctx.events.operation('MOBILE_CREDENTIAL_DOCUMENT_SIGNER_CREATE', request, data, async () => {
    const { iacaId } = parseManagementInput(zCreateDocumentSignerRequest, input);
    data.iacaId = iacaId;
    const iaca = ctx.trust.snapshot.iacas.find((i) => i.record.id === iacaId);
    if (!iaca) throw badRequest('Invalid request', [{ value: iacaId, msg: 'unknown IACA', param: 'iacaId', location: 'body' }]);
    const now = ctx.clock.now();
    if (iaca.certificate.cert.notAfter.getTime() <= now)
      throw conflict('This IACA has expired; a Document Signer under it could never sign');
    let signer: LoadedSigner;
    if (iaca.record.managed) {
      signer = await ctx.trust.createManagedSigner(iaca, now);
    } else {
      signer = await createSignerKey(ctx.trust.deps, iaca, now);
      await ctx.stores.trust.insertSigner(signer.record);
      await ctx.trust.changed();
    }
    data.documentSignerId = signer.record.id;
    data.keyCustody = signer.record.keyRef.custody;
    return view(ctx, signer.record.id);
  });
}

/**
 * PUT /v2/credentials/mobile/document-signers/{id} (DESIGN §10): `certificatePem` installs the
 * authority's certificate for this signer's CSR after the Annex B.1.4 checks (each broken rule one
 * `details` entry), and it becomes active; `active` switches an issued signer on or off.
 */
export function updateDocumentSigner(ctx: EngineContext, id: string, input: unknown, request: RequestInfo): Promise<DocumentSigner> {
  return ctx.events.operation('MOBILE_CREDENTIAL_DOCUMENT_SIGNER_UPDATE', request, { documentSignerId: id }, async () => {
    const signer = findSigner(ctx, id);
    const body = parseManagementInput(zUpdateDocumentSignerRequest, input);
    if (body.certificatePem !== undefined) await install(ctx, signer, body.certificatePem);
    if (body.active !== undefined) await switchSigner(ctx, id, body);
    await ctx.trust.changed();
    return view(ctx, id);
  });
}

async function install(ctx: EngineContext, signer: LoadedSigner, pem: string): Promise<void> {
  if (signer.record.revokedAt !== undefined) throw conflict('This Document Signer is revoked');
  if (signer.record.certificate)
    throw conflict('This Document Signer already has its certificate; create a new Document Signer for a new one');
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
    profile: DOCUMENT_SIGNER_PROFILE,
    now: new Date(now),
  });
  if (problems.length > 0) {
    throw badRequest(
      `The certificate does not fit this ${DOCUMENT_SIGNER_PROFILE.name} (ISO 18013-5 Annex B.1.4)`,
      problemDetails(problems),
    );
  }
  await ctx.trust.signerKey(signer); // its key must still be there and sign for this public key
  const outcome = await ctx.stores.trust.installCertificate(signer.record.id, {
    der: certificate.der,
    serialNumber: certificate.cert.serialNumber,
    notBefore: certificate.cert.notBefore.getTime(),
    notAfter: certificate.cert.notAfter.getTime(),
    installedAt: now,
  });
  if (outcome === 'not_found') throw notFound('Document Signer not found');
  if (outcome !== 'installed')
    throw conflict(outcome === 'revoked' ? 'This Document Signer is revoked' : 'This Document Signer already has its certificate');
}

async function switchSigner(ctx: EngineContext, id: string, body: UpdateDocumentSignerRequest): Promise<void> {
  await ctx.trust.reload(); // a certificate installed in the same request counts
  const signer = findSigner(ctx, id);
  const now = ctx.clock.now();
  if (!body.active) {
    const state = ctx.trust.snapshot;
    const without = { ...state, signers: state.signers.filter((s) => s !== signer) };
    if (currentSignerOf(state, now) && !currentSignerOf(without, now)) {
      throw conflict('Switching this Document Signer off would leave none to sign new mDocs; install or activate another one first');
    }
  }
  if (!(await ctx.stores.trust.setSignerActive(id, body.active!))) {
    throw conflict(
      signer.record.revokedAt !== undefined ? 'This Document Signer is revoked' : 'This Document Signer has no certificate yet',
    );
  }
}

/**
 * POST …/document-signers/{id}/revoke (DESIGN §10, managed IACAs): for good, onto the IACA's CRL at
 * once; a managed IACA that was signing with it gets a new Document Signer in the same step.
 */
export function revokeDocumentSigner(
  ctx: EngineContext,
  id: string,
  request: RequestInfo,
): Promise<{ revoked: true; revocationDate: string }> {
  return ctx.events.operation('MOBILE_CREDENTIAL_DOCUMENT_SIGNER_REVOKE', request, { documentSignerId: id }, async () => {
    const signer = findSigner(ctx, id);
    const iaca = ctx.trust.snapshot.iacas.find((i) => i.record.id === signer.record.iacaId)!;
    if (!iaca.record.managed) {
      throw conflict(
        'A Document Signer under an authority\'s IACA is revoked by that authority, on its CRL; switch it off here with PUT {"active": false}',
      );
    }
    const now = ctx.clock.now();
    ctx.trust.withdraw(id); // no mDoc is signed with it from here on, even while the revocation is stored
    const outcome = await ctx.stores.trust.revokeSigner(id, now).finally(() => ctx.trust.reload());
    if (outcome === 'not_found') throw notFound('Document Signer not found');
    if (outcome === 'already_revoked') throw conflict('This Document Signer is already revoked');
    await ctx.trust.maintain(); // a replacement if it was needed, and the CRL re-signed
    return { revoked: true as const, revocationDate: new Date(now).toISOString() };
  });
}
