import type { MdocConfiguration } from '../../../../shared/api/z-mdoc-configuration';
import type { EngineContext, RequestInfo } from '../context';
import { OAuthError, invalidToken } from '../errors/oauth-error';
import type { EventData } from '../events/event-log';
import type { IssuedCopy, OfferRecord } from '../store';
import { readOfferClaims } from '../claims/offer-claims';
import { base64url } from '../util/secrets';
import { mapClaims } from '../claims/map-claims';
import { issueMdoc } from '../mdoc/issue-mdoc';
import { verifyIssuedMdoc } from '../mdoc/verify-issued-mdoc';
import { consumeNonce } from '../tokens/nonces';
import { guardGuesses } from '../tokens/guess-guard';
import type { WalletExchange } from '../wallets/wallet-exchange';
import { offerForAccessToken } from './access-token';
import { parseCredentialRequest, type CredentialTarget } from './credential-request';
import { configurationOfIdentifier } from '../authorization/authorization-details';
import { deviceKeysFromProofs } from './device-keys';
import { validityFor } from './validity';
import { uuidV7 } from '../status/uuid-v7';

export interface CredentialResponse {
  credentials: { credential: string }[];
  notification_id: string;
  credential?: string;
  format?: 'mso_mdoc';
}

/** POST /v1/openid/credential (OID4VCI 1.0 §8): one mDoc per device key of the proofs, all of one configuration. */
export function issueCredential(
  ctx: EngineContext,
  exchange: WalletExchange,
  body: unknown,
  request: RequestInfo,
): Promise<CredentialResponse> {
  const data: EventData = {};
  return guardGuesses(ctx, request, () =>
    ctx.events.operation('OPENID_CREDENTIAL', request, data, async () => {
      const { offer, accessToken, dpop } = await offerForAccessToken(ctx, exchange, 'credential', false);
      data.offerId = offer.id;
      data.dpop = dpop;
      const [policy, anchors] = await Promise.all([ctx.walletTrust.policy(), ctx.walletTrust.anchors()]);
      // Appendix F.3: the attestation proof type is taken (and advertised) only while wallet providers are trusted.
      const parsed = parseCredentialRequest(body, anchors.length > 0 ? ['jwt', 'attestation'] : ['jwt']);
      const configuration = await resolveTarget(ctx, offer, parsed.target);
      data.configurationId = configuration.id;
      if (offer.issued.includes(configuration.id)) {
        throw new OAuthError(400, 'invalid_credential_request', 'this credential has already been issued from this offer');
      }

      const { keys, nonces } = await deviceKeysFromProofs(parsed.proofs, {
        audience: ctx.settings.credentialIssuer,
        now: ctx.clock.now(),
        maxAgeSeconds: ctx.settings.proofMaxAgeSeconds,
        maxKeys: policy.batchSize,
        anchors,
        keyAttestationsRequired: configuration.keyAttestationsRequired,
      });
      for (const nonce of nonces) {
        if (!(await consumeNonce(ctx, nonce))) {
          throw new OAuthError(
            400,
            'invalid_nonce',
            'the c_nonce is unknown, expired or already used; get a new one from the nonce endpoint',
          );
        }
      }

      const now = ctx.clock.now();
      const signer = ctx.trust.currentSigner(now);
      if (!signer) {
        throw new OAuthError(503, 'temporarily_unavailable', 'No Document Signer can sign credentials at the moment; ask at the counter');
      }
      const validity = validityFor(now, configuration.expiresIn, signer);
      // DESIGN §9: the claims open only with the wallet's access token. ISO 18013-5 Annex B.1.4:
      // issuing_country is the signing IACA's countryName unless the clerk gave one.
      const nameSpaces = mapOfferClaims(
        configuration,
        (await readOfferClaims(offer, 'access_token', accessToken)) ?? {},
        new Map([['issuing_country', signer.country]]),
      );
      // DESIGN §11, §12 (HAIP §6.1): each copy gets an entry of its own in a status list, named in
      // its MSO; the keyed permutation makes the indices of one batch unrelated to each other.
      const entries = configuration.includeStatus ? await ctx.statusLists.allocate(keys.length, signer.iacaId) : [];
      // DESIGN §12: every copy is bound to its own key and signed on its own, so each has fresh salts.
      const copies: { credential: string; copy: IssuedCopy }[] = [];
      for (const [i, key] of keys.entries()) {
        const entry = entries[i];
        const issuerSigned = await issueMdoc(
          {
            docType: configuration.type,
            nameSpaces,
            deviceKey: key.jwk,
            validity,
            ...(entry ? { status: { idx: entry.idx, uri: entry.uri } } : {}),
          },
          signer,
          ctx.random,
        );
        // DESIGN §5: every mDoc is checked before it leaves.
        await verifyIssuedMdoc(issuerSigned, {
          docType: configuration.type,
          deviceKey: key.jwk,
          iacaCertificateDer: signer.iacaCertificateDer,
          now,
        });
        copies.push({
          credential: base64url(issuerSigned),
          copy: {
            id: uuidV7(now, ctx.random),
            deviceKeyThumbprint: key.thumbprint,
            keyAttested: key.attested,
            ...(entry ? { statusEntry: { listId: entry.listId, idx: entry.idx } } : {}),
          },
        });
      }
      data.copies = copies.length;
      data.keysAttested = keys.filter((k) => k.attested).length;

      const notificationId = ctx.random.uuid();
      const outcome = await ctx.stores.offers.recordIssuance(
        {
          offerId: offer.id,
          configurationId: configuration.id,
          docType: configuration.type,
          issuedAt: now,
          validFrom: validity.validFrom.getTime(),
          validUntil: validity.validUntil.getTime(),
          notificationId,
          ...(offer.userId ? { userId: offer.userId } : {}),
          copies: copies.map((c) => c.copy),
        },
        now,
      );
      if (outcome === 'duplicate')
        throw new OAuthError(400, 'invalid_credential_request', 'this credential has already been issued from this offer');
      if (outcome === 'inactive') throw invalidToken('the offer was cancelled or has ended');
      ctx.offerChanges.notify(offer.id);

      const credentials = copies.map((c) => ({ credential: c.credential }));
      // Draft 13–14 wallets read one `credential`; they never send more than one proof.
      const legacy =
        parsed.legacyResponse && credentials.length === 1 ? { credential: credentials[0]!.credential, format: 'mso_mdoc' as const } : {};
      return { credentials, notification_id: notificationId, ...legacy };
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
  // OID4VCI 1.0 §8.2: after a token response with authorization_details (§6.2) the wallet names the
  // credential by one of its credential_identifiers, and by nothing else.
  if (offer.detailsCredentials) {
    if (target.kind !== 'identifier') {
      throw new OAuthError(
        400,
        'invalid_credential_request',
        'this access token came with authorization_details: name the credential by one of its credential_identifiers, not by credential_configuration_id or format',
      );
    }
    const id = configurationOfIdentifier(target.id, offer.detailsCredentials);
    const configuration = id === undefined ? undefined : await ctx.stores.configurations.get(id);
    if (!configuration) throw new OAuthError(400, 'unknown_credential_identifier', 'this access token has no such credential identifier');
    return configuration;
  }
  if (target.kind === 'identifier') {
    throw new OAuthError(
      400,
      'unknown_credential_identifier',
      'this access token was granted without authorization_details, so it has no credential identifiers; use credential_configuration_id',
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
