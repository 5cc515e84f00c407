// Migration 8: IACAs and the signer keys under them live in the database (DESIGN §10); private keys
// stay in the key directory (sealed) or in a PKCS#11 token, and `key_ref` says where. Plain types
// and ON CONFLICT upserts only, so that a PostgreSQL store can have the same tables.
export const up = `
CREATE TABLE iacas (
  id TEXT PRIMARY KEY,
  managed INTEGER NOT NULL,
  active INTEGER NOT NULL,
  certificate BLOB NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  key_ref TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE signers (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  iaca_id TEXT NOT NULL REFERENCES iacas (id),
  key_ref TEXT NOT NULL,
  public_key BLOB NOT NULL,
  csr BLOB NOT NULL,
  certificate BLOB,
  serial_number TEXT,
  not_before INTEGER,
  not_after INTEGER,
  installed_at INTEGER,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX signers_by_iaca ON signers (iaca_id, kind);

CREATE TABLE iaca_crls (
  iaca_id TEXT PRIMARY KEY REFERENCES iacas (id),
  number INTEGER NOT NULL,
  crl BLOB NOT NULL,
  this_update INTEGER NOT NULL,
  next_update INTEGER NOT NULL
);
`;
