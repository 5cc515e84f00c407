// PostgreSQL migration 1: the schema SQLite reached by its migration 5 (../../migrations), in
// PostgreSQL's types: BIGINT milliseconds, BYTEA digests (DESIGN §6: secrets only as SHA-256) and
// sealed claims (DESIGN §9), JSONB for the JSON columns. One difference, for atomicity across processes (DESIGN §13): the
// configuration ids already issued from an offer are an array on the offer row itself, so every
// transition of an offer (redeem, issue, claim, cancel) is one conditional UPDATE of that row.
export const up = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE configurations (
  id TEXT PRIMARY KEY,
  doc_type TEXT NOT NULL,
  body JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE offers (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('pre_authorized','authorization_code')),
  user_id TEXT,
  credentials JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','token_issued','claimed','accepted','expired','cancelled','locked')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  code_hash BYTEA NOT NULL UNIQUE,
  reference_hash BYTEA UNIQUE,
  tx_code_hash BYTEA,
  tx_code_mode TEXT,
  tx_code_length INTEGER,
  tx_code_description TEXT,
  strikes INTEGER NOT NULL DEFAULT 0,
  sealed_claims BYTEA,
  persisted_claims JSONB,
  scanned_at BIGINT,
  token_hash BYTEA UNIQUE,
  token_issued_at BIGINT,
  token_expires_at BIGINT,
  claimed_at BIGINT,
  accepted_at BIGINT,
  ended_at BIGINT,
  issued TEXT[] NOT NULL DEFAULT '{}'
);
CREATE INDEX offers_by_kind_status ON offers (kind, status, seq);
CREATE INDEX offers_by_kind ON offers (kind, seq);
CREATE INDEX offers_open_by_expiry ON offers (expires_at) WHERE status = 'pending';
CREATE INDEX offers_token_by_expiry ON offers (token_expires_at) WHERE status = 'token_issued';

CREATE TABLE issued_credentials (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  configuration_id TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  valid_from BIGINT NOT NULL,
  valid_until BIGINT NOT NULL,
  device_key_thumbprint TEXT NOT NULL,
  notification_id TEXT NOT NULL,
  notification_event TEXT,
  notified_at BIGINT,
  UNIQUE (offer_id, configuration_id)
);

CREATE TABLE nonces (
  hash BYTEA PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX nonces_by_expiry ON nonces (expires_at);

CREATE TABLE events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  request_id TEXT NOT NULL,
  request_ip TEXT NOT NULL,
  data JSONB NOT NULL
);
CREATE INDEX events_by_type ON events (type, seq);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin','issuer')),
  token_hash BYTEA NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE code_offers (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  credentials JSONB NOT NULL,
  issuer_state TEXT NOT NULL UNIQUE,
  request_parameters JSONB,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE authorizations (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  code_offer_id TEXT,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  state TEXT,
  code_challenge TEXT NOT NULL,
  credentials JSONB NOT NULL,
  short_code TEXT NOT NULL,
  handle_hash BYTEA NOT NULL UNIQUE,
  code_hash BYTEA NOT NULL UNIQUE,
  claims_key BYTEA,
  status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','expired')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE INDEX authorizations_by_status ON authorizations (status, seq);
CREATE INDEX authorizations_by_code_offer ON authorizations (code_offer_id) WHERE status = 'pending';

CREATE TABLE pushed_requests (
  hash BYTEA PRIMARY KEY,
  params JSONB NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE throttle_windows (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX throttle_windows_by_start ON throttle_windows (window_start);

CREATE TABLE seen_once (
  scope TEXT NOT NULL,
  hash BYTEA NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (scope, hash)
);
CREATE INDEX seen_once_by_expiry ON seen_once (expires_at);
`;
