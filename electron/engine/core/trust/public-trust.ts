import { pemEncode } from '../../keys/pem';
import type { EngineContext } from '../context';

/** GET /v1/mdoc/iacas (DESIGN §4, §10: metadata's `mdoc_iacas_uri`): the active IACAs, public. */
export function publicIacas(ctx: EngineContext): { iacas: { id: string; certificatePem: string }[] } {
  return {
    iacas: ctx.trust
      .activeIacas()
      .map((iaca) => ({ id: iaca.record.id, certificatePem: pemEncode(iaca.record.certificateDer, 'CERTIFICATE') })),
  };
}

/** The DER CRL of a managed IACA at its CRL distribution point (DESIGN §10), or undefined (unknown id, or an authority's IACA). */
export async function iacaCrl(ctx: EngineContext, id: string): Promise<Uint8Array | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return ctx.trust.crl(id);
}
