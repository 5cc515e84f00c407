import { zCreatePreAuthorizedOfferRequest, type CreatePreAuthorizedOfferResponse } from '../../../../shared/api/z-pre-authorized-offer';
import type { EngineContext, RequestInfo } from '../context';
import { parseManagementInput } from '../errors/parse-input';
import { resolveConfigurations, validateClaims } from '../claims/validate-claims';
import { iso } from '../util/clock';
import { sha256 } from '../util/secrets';
import { issuerUrl } from '../metadata/issuer-metadata';
import { encodeClaims, sealWithSecret } from '../claims/sealed-claims';
import { offerUriByReference, offerUriByValue, preAuthorizedOffer } from './credential-offer';
import { newOfferSecrets, newTransactionCode, TX_CODE_LENGTH, txCodeHash } from './offer-secrets';

/** POST /v1/openid/offers/pre-authorized (DESIGN §3). */
export function createPreAuthorizedOffer(
  ctx: EngineContext,
  input: unknown,
  request: RequestInfo,
): Promise<CreatePreAuthorizedOfferResponse> {
  const data: Record<string, string | string[] | undefined> = {};
  return ctx.events.operation('OPENID_PRE_AUTHORIZED_OFFER_CREATE', request, data, async () => {
    const body = parseManagementInput(zCreatePreAuthorizedOfferRequest, input);
    data.credentials = body.credentials;
    const claims = body.claims ?? {};
    validateClaims(await resolveConfigurations(ctx, body.credentials, 'credentials'), claims, ctx.clock.now());

    const now = ctx.clock.now();
    const seconds = body.expiresIn ? (body.expiresIn.minutes ?? 0) * 60 + (body.expiresIn.seconds ?? 0) : ctx.settings.defaultOfferSeconds;
    const expiresAt = now + Math.min(seconds, ctx.settings.maxOfferSeconds) * 1000;
    const id = ctx.random.uuid();
    const { code, reference } = newOfferSecrets(ctx.random, body.offerBy === 'reference');
    const txConfig = body.transactionCodeConfiguration;
    const txCode = txConfig ? newTransactionCode(ctx.random, txConfig.inputMode) : undefined;
    const txCodeRecord =
      txConfig && txCode
        ? { hash: txCodeHash(code, txCode), inputMode: txConfig.inputMode, length: TX_CODE_LENGTH, description: txConfig.description }
        : undefined;

    await ctx.stores.offers.insert({
      id,
      userId: body.userId,
      credentials: body.credentials,
      createdAt: now,
      expiresAt,
      codeHash: sha256(code),
      referenceHash: reference ? sha256(reference) : undefined,
      txCode: txCodeRecord,
      // DESIGN §9: sealed under the pre-authorized code, which only the QR (and then the wallet) holds.
      sealedClaims: sealWithSecret(encodeClaims(claims), 'pre-authorized_code', code, id, ctx.random),
      persistedClaims: body.claimsToPersist ? pick(claims, body.claimsToPersist) : undefined,
    });
    data.offerId = id;

    const uri = reference
      ? offerUriByReference(issuerUrl(ctx.settings.credentialIssuer, 'credentialOfferByReference', { reference }))
      : offerUriByValue(
          preAuthorizedOffer({
            credentialIssuer: ctx.settings.credentialIssuer,
            configurationIds: body.credentials,
            preAuthorizedCode: code,
            txCode: txCodeRecord,
          }),
        );
    return {
      id,
      ...(body.userId ? { userId: body.userId } : {}),
      uri,
      expiresAt: iso(expiresAt),
      // MATTR returns a numeric code as a JSON number (DESIGN §3).
      ...(txCode ? { transactionCode: txConfig?.inputMode === 'numeric' ? Number(txCode) : txCode } : {}),
    };
  });
}

function pick(claims: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => Object.prototype.hasOwnProperty.call(claims, n)).map((n) => [n, claims[n]]));
}
