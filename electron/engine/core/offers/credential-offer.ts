// OID4VCI 1.0 §4.1: the Credential Offer object and the URI that carries it.
export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
export const OFFER_SCHEME = 'openid-credential-offer://';

export interface TxCodeMetadata {
  length: number;
  input_mode: 'numeric' | 'text';
  description?: string;
}

export interface CredentialOffer {
  credential_issuer: string;
  credential_configuration_ids: string[];
  /** Draft 11–13 name of the same list; MATTR sends both (DESIGN §3). */
  credentials: string[];
  grants: Record<string, unknown>;
}

export function preAuthorizedOffer(p: {
  credentialIssuer: string;
  configurationIds: string[];
  preAuthorizedCode: string;
  txCode?: TxCodeMetadata;
}): CredentialOffer {
  return {
    credential_issuer: p.credentialIssuer,
    credentials: p.configurationIds,
    credential_configuration_ids: p.configurationIds,
    grants: {
      [PRE_AUTHORIZED_GRANT]: { 'pre-authorized_code': p.preAuthorizedCode, ...(p.txCode ? { tx_code: p.txCode } : {}) },
    },
  };
}

export const offerUriByValue = (offer: CredentialOffer) => `${OFFER_SCHEME}?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
export const offerUriByReference = (url: string) => `${OFFER_SCHEME}?credential_offer_uri=${encodeURIComponent(url)}`;
