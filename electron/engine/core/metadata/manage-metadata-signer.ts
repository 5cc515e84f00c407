import { X509Certificate } from 'node:crypto';
import { zCreateMetadataSignerRequest, zInstallMetadataSignerRequest, type MetadataSigner } from '../../../../shared/api/z-metadata-signer';
import { checkMetadataChain, MetadataChainError } from '../../keys/metadata-signer';
import { createMetadataSignerCsr } from '../../keys/x509/metadata-signer-csr';
import type { EngineContext, RequestInfo } from '../context';
import { badRequest, conflict } from '../errors/management-error';
import { parseManagementInput } from '../errors/parse-input';
import { describeKeyRef } from '../signing/key-ref';
import { iso } from '../util/clock';
import type { StoredMetadataSigner } from './metadata-signing';

// The admin's side of the metadata signing key (DESIGN §12, the same key + CSR → certificate flow
// as a Document Signer under an authority's IACA, DESIGN §10): GET, POST (a new key and its CSR),
// PUT (the CA's certificate for it; from then on the metadata is signed with it).

const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END ${label}-----\n`;

const IMPORTED =
  'The metadata signing key is set by COUNTER_METADATA_SIGNING_KEY and COUNTER_METADATA_SIGNING_CERT; remove them to manage it here';

function facts(chain: Uint8Array[]): NonNullable<MetadataSigner['certificate']> {
  const leaf = new X509Certificate(chain[0]!);
  return {
    subject: leaf.subject.replace(/\n/g, ', '),
    issuer: leaf.issuer.replace(/\n/g, ', '),
    notBefore: new Date(leaf.validFrom).toISOString(),
    notAfter: new Date(leaf.validTo).toISOString(),
    fingerprint: leaf.fingerprint256.replace(/:/g, '').toLowerCase(),
    chainLength: chain.length,
  };
}

function view(ctx: EngineContext, stored: StoredMetadataSigner): MetadataSigner {
  if (ctx.metadataSigning.imported) return { source: 'environment', certificate: facts(ctx.metadataSigning.imported) };
  const { active, pending } = stored;
  return {
    source: active ? 'kiosk' : 'none',
    ...(active ? { certificate: facts(active.chain.map((der) => new Uint8Array(Buffer.from(der, 'base64')))) } : {}),
    ...(pending
      ? {
          pending: {
            id: pending.id,
            createdAt: iso(pending.createdAt),
            keyLocation: describeKeyRef(pending.keyRef),
            csrPem: pem('CERTIFICATE REQUEST', Buffer.from(pending.csr, 'base64')),
          },
        }
      : {}),
  };
}

export const getMetadataSigner = async (ctx: EngineContext): Promise<MetadataSigner> =>
  view(ctx, ctx.metadataSigning.imported ? {} : await ctx.metadataSigning.stored());

/** POST: a new P-256 key and its CSR. The key signing now, if any, goes on signing until the new one's certificate is installed. */
export function createMetadataSigner(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<MetadataSigner> {
  const data: Record<string, string> = {};
  return ctx.events.operation('COUNTER_METADATA_SIGNER_CREATE', request, data, async () => {
    const body = parseManagementInput(zCreateMetadataSignerRequest, input);
    if (ctx.metadataSigning.imported) throw conflict(IMPORTED);
    const id = ctx.random.uuid();
    data.metadataSignerId = id;
    const now = ctx.clock.now();
    const key = await ctx.metadataSigning.custody.generate(`metadata-${id}`);
    data.custody = key.ref.custody;
    const csr = await createMetadataSignerCsr({
      key,
      commonName: body.commonName ?? `${ctx.settings.displayName.trim()} metadata signer`.slice(0, 64),
      country: body.country ?? ctx.settings.country,
      ...(body.organization ? { organization: body.organization } : {}),
    });
    const stored = await ctx.metadataSigning.stored();
    const next: StoredMetadataSigner = {
      ...(stored.active ? { active: stored.active } : {}),
      pending: {
        id,
        keyRef: key.ref,
        publicKeySpki: Buffer.from(key.publicKeySpki).toString('base64'),
        createdAt: now,
        csr: Buffer.from(csr).toString('base64'),
      },
    };
    await ctx.metadataSigning.save(next, now);
    return view(ctx, next);
  });
}

/** PUT: the CA's certificate for the pending key, checked (HAIP §4.1); the metadata is signed with it from now on. */
export function installMetadataSigner(ctx: EngineContext, input: unknown, request: RequestInfo): Promise<MetadataSigner> {
  const data: Record<string, string> = {};
  return ctx.events.operation('COUNTER_METADATA_SIGNER_UPDATE', request, data, async () => {
    const body = parseManagementInput(zInstallMetadataSignerRequest, input);
    if (ctx.metadataSigning.imported) throw conflict(IMPORTED);
    const stored = await ctx.metadataSigning.stored();
    const pending = stored.pending;
    if (!pending) throw conflict('No metadata signing key waits for a certificate: make one first (POST), then send its certificate');
    data.metadataSignerId = pending.id;
    const now = ctx.clock.now();
    let chainDer: Uint8Array[];
    let notAfter: number;
    try {
      const checked = checkMetadataChain(body.certificatePem, new Date(now), Buffer.from(pending.publicKeySpki, 'base64'));
      chainDer = checked.chainDer;
      notAfter = new Date(checked.leaf.validTo).getTime();
    } catch (error) {
      if (!(error instanceof MetadataChainError)) throw error;
      throw badRequest('The certificate cannot be used for signing the metadata', [
        { value: '', msg: `The certificate ${error.message}`, param: 'certificatePem', location: 'body' },
      ]);
    }
    const { csr: _csr, ...key } = pending;
    const next: StoredMetadataSigner = {
      active: { ...key, chain: chainDer.map((der) => Buffer.from(der).toString('base64')), installedAt: now, notAfter },
    };
    await ctx.metadataSigning.save(next, now);
    return view(ctx, next);
  });
}
