import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import type { EngineContext, RequestInfo } from '../context';
import { OAuthError, invalidToken } from '../errors/oauth-error';
import type { OfferRecord, SealedOfferRecord } from '../store';
import { readOfferClaims } from '../claims/offer-claims';
import { base64url, sha256 } from '../util/secrets';
import { mapClaims } from '../claims/map-claims';
import { issueMdoc } from '../mdoc/issue-mdoc';
import { verifyIssuedMdoc } from '../mdoc/verify-issued-mdoc';
import { effectiveStatus } from '../offers/offer-view';
import { consumeNonce } from '../tokens/nonces';
import { guardGuesses } from '../tokens/guess-guard';
import { parseCredentialRequest, type CredentialTarget } from './credential-request';
import { validityFor } from './validity';
import { verifyJwtProof } from './verify-proof';
import { uuidV7 } from '../status/uuid-v7';

export interface CredentialResponse {
  credentials: { credential: string }[];
  notification_id: string;
  credential?: string;
  format?: 'mso_mdoc';
}

/** Resolves `Authorization: Bearer <access token>` to the offer it was issued for. */
export async function offerForAccessToken(
  ctx: EngineContext,
  authorization: string | undefined,
  allowClaimed: boolean,
): Promise<{ offer: SealedOfferRecord; accessToken: string }> {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
  if (!match) throw invalidToken('an access token is required (Authorization: Bearer <token>)');
  const offer = await ctx.stores.offers.getByTokenHash(sha256(match[1]!));
  const status = offer ? effectiveStatus(offer, ctx.clock.now()) : undefined;
  const usable = status === 'token_issued' || (allowClaimed && (status === 'claimed' || status === 'accepted'));
  if (!offer || !usable || (offer.tokenExpiresAt ?? 0) <= ctx.clock.now()) throw invalidToken('the access token is not valid');
  return { offer, accessToken: match[1]! };
}

/** POST /v1/openid/credential (OID4VCI 1.0 §8). */
export function issueCredential(
  ctx: EngineContext,
  authorization: string | undefined,
  body: unknown,
  request: RequestInfo,
): Promise<CredentialResponse> {
  const data: Record<string, string> = {};
  return guardGuesses(ctx, request, () =>
    ctx.events.operation('OPENID_CREDENTIAL', request, data, async () => {
      const { offer, accessToken } = await offerForAccessToken(ctx, authorization, false);
      data.offerId = offer.id;
      const parsed = parseCredentialRequest(body);
      const configuration = await resolveTarget(ctx, offer, parsed.target);
      data.configurationId = configuration.id;
      if (offer.issued.includes(configuration.id)) {
        throw new OAuthError(400, 'invalid_credential_request', 'this credential has already been issued from this offer');
      }

      const deviceKey = await verifyJwtProof(parsed.proofJwt, {
        audience: ctx.settings.credentialIssuer,
        now: ctx.clock.now(),
        maxAgeSeconds: ctx.settings.proofMaxAgeSeconds,
      });
      if (!(await consumeNonce(ctx, deviceKey.nonce))) {
        throw new OAuthError(
          400,
          'invalid_nonce',
          'the c_nonce is unknown, expired or already used; get a new one from the nonce endpoint',
        );
      }

      const now = ctx.clock.now();
      const signer = ctx.trust.currentSigner(now);
      if (!signer) {
        throw new OAuthError(503, 'temporarily_unavailable', 'No Document Signer can sign credentials at the moment; ask at the counter');
      }
      const validity = validityFor(now, configuration.expiresIn, signer);
      // DESIGN §11: an entry of its own in a status list, named in the MSO.
      const [statusEntry] = configuration.includeStatus ? await ctx.statusLists.allocate(1, signer.iacaId) : [];
      const mdoc = {
        docType: configuration.type,
        // DESIGN §9: the claims open only with the wallet's access token. ISO 18013-5 Annex B.1.4:
        // issuing_country is the signing IACA's countryName unless the clerk gave one.
        nameSpaces: mapOfferClaims(
          configuration,
          (await readOfferClaims(offer, 'access_token', accessToken)) ?? {},
          new Map([['issuing_country', signer.country]]),
        ),
        deviceKey: deviceKey.jwk,
        validity,
        ...(statusEntry ? { status: { idx: statusEntry.idx, uri: statusEntry.uri } } : {}),
      };
      const issuerSigned = await issueMdoc(mdoc, signer, ctx.random);
      // DESIGN §5: every mDoc is checked before it leaves.
      await verifyIssuedMdoc(issuerSigned, {
        docType: mdoc.docType,
        deviceKey: deviceKey.jwk,
        iacaCertificateDer: signer.iacaCertificateDer,
        now,
      });

      const notificationId = ctx.random.uuid();
      const outcome = await ctx.stores.offers.recordIssuance(
        {
          id: uuidV7(now, ctx.random),
          offerId: offer.id,
          configurationId: configuration.id,
          docType: configuration.type,
          issuedAt: now,
          validFrom: validity.validFrom.getTime(),
          validUntil: validity.validUntil.getTime(),
          deviceKeyThumbprint: deviceKey.thumbprint,
          notificationId,
          ...(offer.userId ? { userId: offer.userId } : {}),
          ...(statusEntry ? { statusEntry: { listId: statusEntry.listId, idx: statusEntry.idx } } : {}),
        },
        now,
      );
      if (outcome === 'duplicate')
        throw new OAuthError(400, 'invalid_credential_request', 'this credential has already been issued from this offer');
      if (outcome === 'inactive') throw invalidToken('the offer was cancelled or has ended');
      ctx.offerChanges.notify(offer.id);

      const credential = base64url(issuerSigned);
      return {
        credentials: [{ credential }],
        notification_id: notificationId,
        ...(parsed.legacyResponse ? { credential, format: 'mso_mdoc' as const } : {}),
      };
    }),
  );
}

function mapOfferClaims(
  configuration: MdocConfiguration,
  claims: Record<string, unknown>,
  issuerValues: ReadonlyMap<string, unknown>,
): Record<string, Record<string, unknown>> {
  try {
    return mapClaims(configuration, claims, issuerValues);
  } catch (error) {
    // Validated at creation, so only a changed configuration or a damaged record gets here.
    throw new OAuthError(
      400,
      'credential_request_denied',
      `the holder's data does not fit this credential any more (${(error as Error).message}); ask for a new offer`,
    );
  }
}

async function resolveTarget(ctx: EngineContext, offer: OfferRecord, target: CredentialTarget): Promise<MdocConfiguration> {
  if (target.kind === 'identifier') {
    throw new OAuthError(
      400,
      'unknown_credential_identifier',
      'this issuer does not issue credential identifiers; use credential_configuration_id',
    );
  }
  const offered = (await Promise.all(offer.credentials.map((id) => ctx.stores.configurations.get(id)))).filter((c) => c !== undefined);
  const match = offered.find((c) => (target.kind === 'configuration' ? c.id === target.id : c.type === target.docType));
  if (match) return match;
  // OID4VCI 1.0 §8.3.1.2: unknown_credential_configuration is for what the issuer does not issue at
  // all; a known one this token was not offered is refused as such, whether named by id or doctype.
  const known =
    target.kind === 'configuration'
      ? (await ctx.stores.configurations.get(target.id)) !== undefined
      : (await ctx.stores.configurations.list()).some((c) => c.type === target.docType);
  if (known) throw new OAuthError(400, 'invalid_credential_request', 'this credential configuration was not offered to this access token');
  throw new OAuthError(400, 'unknown_credential_configuration', 'unknown credential configuration');
}
