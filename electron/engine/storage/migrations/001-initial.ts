// Migration 1: the whole first schema. Secrets are SHA-256 digests (DESIGN §6).
export const up = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE configurations (
  id TEXT PRIMARY KEY,
  doc_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE offers (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT,
  credentials TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','token_issued','claimed','accepted','expired','cancelled','locked')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  code_hash BLOB NOT NULL UNIQUE,
  reference_hash BLOB UNIQUE,
  tx_code_hash BLOB,
  tx_code_mode TEXT,
  tx_code_length INTEGER,
  tx_code_description TEXT,
  strikes INTEGER NOT NULL DEFAULT 0,
  claims TEXT,
  persisted_claims TEXT,
  scanned_at INTEGER,
  token_hash BLOB UNIQUE,
  token_issued_at INTEGER,
  token_expires_at INTEGER,
  claimed_at INTEGER,
  accepted_at INTEGER,
  ended_at INTEGER
);
CREATE INDEX offers_by_status ON offers (status, seq);
CREATE INDEX offers_open_by_expiry ON offers (expires_at) WHERE status = 'pending';
CREATE INDEX offers_token_by_expiry ON offers (token_expires_at) WHERE status = 'token_issued';

CREATE TABLE offer_configurations (
  offer_id TEXT NOT NULL,
  configuration_id TEXT NOT NULL,
  PRIMARY KEY (configuration_id, offer_id)
) WITHOUT ROWID;

CREATE TABLE issued_credentials (
  id TEXT PRIMARY KEY,
  offer_id TEXT NOT NULL,
  configuration_id TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  device_key_thumbprint TEXT NOT NULL,
  notification_id TEXT NOT NULL UNIQUE,
  notification_event TEXT,
  notified_at INTEGER,
  UNIQUE (offer_id, configuration_id)
) WITHOUT ROWID;

CREATE TABLE nonces (
  hash BLOB PRIMARY KEY,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  request_ip TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX events_by_type ON events (type, seq);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin','issuer')),
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) WITHOUT ROWID;
`;
