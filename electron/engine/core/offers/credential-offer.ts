// OID4VCI 1.0 §4.1: the Credential Offer object and the URI that carries it.
import type { CodeOfferRecord, TxCodeRecord } from '../store';

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
export const AUTHORIZATION_CODE_GRANT = 'authorization_code';
export const OFFER_SCHEME = 'openid-credential-offer://';

export interface CredentialOffer {
  credential_issuer: string;
  credential_configuration_ids: string[];
  /** Draft 11–13 name of the same list; MATTR sends both (DESIGN §3). */
  credentials: string[];
  grants: Record<string, unknown>;
  /** MATTR passes login_hint and prompt for the authorization request beside the grant. */
  request_parameters?: CodeOfferRecord['requestParameters'];
}

export function preAuthorizedOffer(p: {
  credentialIssuer: string;
  configurationIds: string[];
  preAuthorizedCode: string;
  /** As stored: its digest, if present, is ignored. */
  txCode?: Omit<TxCodeRecord, 'hash'>;
}): CredentialOffer {
  const txCode = p.txCode && {
    length: p.txCode.length,
    input_mode: p.txCode.inputMode,
    ...(p.txCode.description ? { description: p.txCode.description } : {}),
  };
  return {
    credential_issuer: p.credentialIssuer,
    credentials: p.configurationIds,
    credential_configuration_ids: p.configurationIds,
    grants: { [PRE_AUTHORIZED_GRANT]: { 'pre-authorized_code': p.preAuthorizedCode, ...(txCode ? { tx_code: txCode } : {}) } },
  };
}

/** OID4VCI 1.0 §4.1.1: the authorization_code grant, with the offer's issuer_state. */
export function authorizationCodeOffer(credentialIssuer: string, offer: CodeOfferRecord): CredentialOffer {
  return {
    credential_issuer: credentialIssuer,
    credentials: offer.credentials,
    credential_configuration_ids: offer.credentials,
    grants: { [AUTHORIZATION_CODE_GRANT]: { issuer_state: offer.issuerState } },
    ...(offer.requestParameters ? { request_parameters: offer.requestParameters } : {}),
  };
}

export const offerUriByValue = (offer: CredentialOffer) => `${OFFER_SCHEME}?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
export const offerUriByReference = (url: string) => `${OFFER_SCHEME}?credential_offer_uri=${encodeURIComponent(url)}`;
