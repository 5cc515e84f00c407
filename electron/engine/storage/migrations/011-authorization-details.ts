// Migration 11: authorization_details (RFC 9396, OID4VCI 1.0 §5.1.1, §6.2, §8.2), each a JSON array
// of configuration ids, NULL where none:
// - authorizations.details_credentials: the configurations the authorization request named in
//   authorization_details (not by scope or issuer_state);
// - offers.details_credentials: the configurations the token response described in
//   authorization_details with their credential_identifiers; the access token then names its
//   credential by credential_identifier only, and the offer is claimed once these are issued.
export const up = `
ALTER TABLE authorizations ADD COLUMN details_credentials TEXT;
ALTER TABLE offers ADD COLUMN details_credentials TEXT;
`;
