// PostgreSQL migration 6: SQLite's migration 10 (the wallet protocol, DESIGN §12): the DPoP key of
// an access token and of an authorization code, one issued_credentials row per copy of a batch (the offer counts its copies, so
// an issuance stays one conditional UPDATE of the offer row), wallet-provider trust anchors, and
// the wallet policy and DPoP nonce key every process shares.
export const up = `
ALTER TABLE offers ADD COLUMN token_jkt TEXT;
ALTER TABLE authorizations ADD COLUMN dpop_jkt TEXT;
ALTER TABLE offers ADD COLUMN issued_copies INTEGER NOT NULL DEFAULT 0;
UPDATE offers SET issued_copies = cardinality(issued) WHERE cardinality(issued) > 0;

ALTER TABLE issued_credentials ADD COLUMN copy_index INTEGER NOT NULL DEFAULT 0;
ALTER TABLE issued_credentials ADD COLUMN key_attested BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE issued_credentials DROP CONSTRAINT issued_credentials_offer_id_configuration_id_key;
ALTER TABLE issued_credentials ADD CONSTRAINT issued_credentials_copy UNIQUE (offer_id, configuration_id, copy_index);

CREATE TABLE wallet_providers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('certificate','jwk')),
  material TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

CREATE TABLE wallet_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
`;
