// PostgreSQL migration 7: SQLite's migration 11 (authorization_details, RFC 9396 and OID4VCI 1.0
// §6.2, §8.2): the configurations an authorization request named in authorization_details, and
// those an access token's response described with credential_identifiers (JSONB arrays, NULL where none).
export const up = `
ALTER TABLE authorizations ADD COLUMN details_credentials JSONB;
ALTER TABLE offers ADD COLUMN details_credentials JSONB;
`;
