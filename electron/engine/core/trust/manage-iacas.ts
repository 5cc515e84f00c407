import { zCreateIacaRequest, zUpdateIacaRequest, type IacaDetails } from '../../../../shared/api/z-trust';
import type { ErrorDetail } from '../../../../shared/api/z-management-error';
import { parseCertificatePem, sha256Fingerprint, type CertificateProblem } from '../../keys/checks/certificate-facts';
import { iacaProblems } from '../../keys/checks/iaca-checks';
import { IACA_MAX_VALIDITY_YEARS } from '../../keys/certificate-profiles';
import type { EngineContext, RequestInfo } from '../context';
import { badRequest, conflict, notFound } from '../errors/management-error';
import { parseId, parseManagementInput } from '../errors/parse-input';
import { createManagedIaca } from './managed-issuance';
import { iacaView } from './trust-views';
import { currentSignerOf, iacaValidAt, type LoadedIaca } from './trust-state';

/** Each broken Annex B rule as one `details` entry, naming it (DESIGN §10). */
export const problemDetails = (problems: CertificateProblem[], param = 'certificatePem'): ErrorDetail[] =>
  problems.map((p) => ({
    ...(p.value ? { value: p.value } : {}),
    msg: `ISO 18013-5 Annex ${p.rule}: ${p.message}`,
    param,
    location: 'body',
  }));

export function findIaca(ctx: EngineContext, id: string): LoadedIaca {
  const wanted = parseId(id, 'IACA');
  const iaca = ctx.trust.snapshot.iacas.find((i) => i.record.id === wanted);
  if (!iaca) throw notFound('IACA not found');
  return iaca;
}

export const listIacas = (ctx: EngineContext) => ({
  data: ctx.trust.snapshot.iacas.map((i) => iacaView(i, ctx.settings.credentialIssuer)),
});
export const getIaca = (ctx: EngineContext, id: string) => iacaView(findIaca(ctx, id), ctx.settings.credentialIssuer);

/**
 * POST /v2/credentials/mobile/iacas (DESIGN §10): `{certificatePem}` registers an authority's IACA after
 * the Annex B.1.2 checks (inactive until switched on); without it, the kiosk creates a managed IACA.
 */
export function createIaca(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<IacaDetails> {
  const data: Record<string, string | boolean> = {};
  return ctx.events.operation('MOBILE_CREDENTIAL_IACA_CREATE', request, data, async () => {
    const body = parseManagementInput(zCreateIacaRequest, input);
    const now = ctx.clock.now();
    let iaca: LoadedIaca;
    if ('certificatePem' in body) {
      data.managed = false;
      iaca = await registerAuthorityIaca(ctx, body.certificatePem, now);
    } else {
      data.managed = true;
      const notAfter = body.notAfter ? new Date(body.notAfter) : undefined;
      if (notAfter) checkNotAfter(notAfter, now);
      ({ iaca } = await createManagedIaca(
        { ...ctx.trust.deps },
        {
          now,
          country: body.country ?? ctx.settings.country,
          ...(body.commonName ? { commonName: body.commonName } : {}),
          ...(body.stateOrProvinceName ? { stateOrProvinceName: body.stateOrProvinceName } : {}),
          ...(notAfter ? { notAfter } : {}),
          active: false, // as MATTR VII: switched on once verifiers have it
        },
      ));
      await ctx.stores.trust.insertIaca(iaca.record);
    }
    data.iacaId = iaca.record.id;
    await ctx.trust.changed();
    return iacaView(iaca, ctx.settings.credentialIssuer);
  });
}

async function registerAuthorityIaca(ctx: EngineContext, pem: string, now: number): Promise<LoadedIaca> {
  let certificate;
  try {
    certificate = parseCertificatePem(pem);
  } catch (error) {
    throw badRequest('certificatePem is not a certificate', [{ msg: (error as Error).message, param: 'certificatePem', location: 'body' }]);
  }
  const problems = iacaProblems(certificate, new Date(now));
  if (problems.length > 0) throw badRequest('The certificate is not an ISO 18013-5 IACA (Annex B.1.2)', problemDetails(problems));
  const record = {
    id: ctx.random.uuid(),
    managed: false,
    active: false,
    certificateDer: certificate.der,
    fingerprint: sha256Fingerprint(certificate),
    createdAt: now,
    updatedAt: now,
  };
  if (!(await ctx.stores.trust.insertIaca(record))) {
    const existing = (await ctx.stores.trust.listIacas()).find((i) => i.fingerprint === record.fingerprint);
    throw conflict(`This IACA certificate is already registered${existing ? ` (id ${existing.id})` : ''}`);
  }
  return { record, certificate };
}

function checkNotAfter(notAfter: Date, now: number): void {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + IACA_MAX_VALIDITY_YEARS);
  if (notAfter.getTime() <= now + 86_400_000 || notAfter > limit) {
    throw badRequest('Invalid request', [
      {
        value: notAfter.toISOString(),
        msg: `must be more than a day and at most ${IACA_MAX_VALIDITY_YEARS} years ahead`,
        param: 'notAfter',
        location: 'body',
      },
    ]);
  }
}

/** PUT /v2/credentials/mobile/iacas/{id} `{active}`; never switches off the last IACA that can sign. */
export function updateIaca(ctx: EngineContext, id: string, input: unknown, request: RequestInfo): Promise<IacaDetails> {
  return ctx.events.operation('MOBILE_CREDENTIAL_IACA_UPDATE', request, { iacaId: id }, async () => {
    const iaca = findIaca(ctx, id);
    const { active } = parseManagementInput(zUpdateIacaRequest, input);
    const now = ctx.clock.now();
    if (active && !iacaValidAt(iaca, now)) throw conflict('This IACA certificate is not valid now, so it cannot sign');
    if (!active) {
      const state = ctx.trust.snapshot;
      const without = { ...state, iacas: state.iacas.map((i) => (i === iaca ? { ...i, record: { ...i.record, active: false } } : i)) };
      if (currentSignerOf(state, now) && !currentSignerOf(without, now)) {
        throw conflict(
          'Switching this IACA off would leave no Document Signer to sign new mDocs; first activate another IACA with an active Document Signer',
        );
      }
    }
    if (!(await ctx.stores.trust.setIacaActive(iaca.record.id, active, now))) throw notFound('IACA not found');
    if (active && iaca.record.managed)
      await ctx.trust.maintain(); // a managed IACA gets its Document Signer at once
    else await ctx.trust.changed();
    return getIaca(ctx, id);
  });
}
