import type { CreatePreAuthorizedOfferRequest } from '../../../shared/api/z-pre-authorized-offer';

/**
 * The request behind *Create offer*. Always by reference: the QR then holds only
 * `credential_offer_uri` (the issuer URL plus /v1/openid/credential-offers/<uuid>), while an offer
 * by value holds that same issuer URL plus the configuration id twice, a ≥128-bit pre-authorized
 * code and the tx_code object, all URL-encoded — so by reference is always the shorter text, a
 * lower QR version and larger modules at the same size on screen (see qr-code.test.ts), and the
 * engine can tell the clerk when a wallet fetched it ("scanned"). The portrait is never in either.
 */
export function offerRequest(
  configurationId: string,
  claims: Record<string, unknown>,
  expiresInSeconds: number,
): CreatePreAuthorizedOfferRequest {
  return {
    credentials: [configurationId],
    claims,
    expiresIn: { seconds: expiresInSeconds },
    // OID4VCI 1.0 §3.5: a tx_code the holder reads off this screen, sent over a second channel.
    transactionCodeConfiguration: { inputMode: 'numeric' },
    offerBy: 'reference',
  };
}

/** The transaction code as the digits to show: numeric codes arrive as JSON numbers. */
export function transactionCodeDigits(code: number | string | undefined, length = 6): string | undefined {
  if (code === undefined) return undefined;
  return typeof code === 'number' ? String(code).padStart(length, '0') : code;
}
