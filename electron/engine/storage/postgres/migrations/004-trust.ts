// PostgreSQL migration 4: IACAs, the signer keys under them and the IACAs' CRLs (DESIGN §10), as
// SQLite's migration 8: certificates, CSRs and public keys as BYTEA, where each private key is kept
// (a key file name or a PKCS#11 object id) as JSONB; the private keys themselves never here.
export const up = `
CREATE TABLE iacas (
  id TEXT PRIMARY KEY,
  managed BOOLEAN NOT NULL,
  active BOOLEAN NOT NULL,
  certificate BYTEA NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  key_ref JSONB,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE signers (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  iaca_id TEXT NOT NULL REFERENCES iacas (id),
  key_ref JSONB NOT NULL,
  public_key BYTEA NOT NULL,
  csr BYTEA NOT NULL,
  certificate BYTEA,
  serial_number TEXT,
  not_before BIGINT,
  not_after BIGINT,
  installed_at BIGINT,
  active BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX signers_by_iaca ON signers (iaca_id, kind);

CREATE TABLE iaca_crls (
  iaca_id TEXT PRIMARY KEY REFERENCES iacas (id),
  number BIGINT NOT NULL,
  crl BYTEA NOT NULL,
  this_update BIGINT NOT NULL,
  next_update BIGINT NOT NULL
);
`;
