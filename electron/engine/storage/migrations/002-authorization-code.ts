// Migration 2: Authorization Code offers and the holder authorizations a clerk approves (DESIGN §4).
// An approved authorization becomes an `offers` row of kind 'authorization_code', so the token,
// credential and notification machinery is the same for both flows.
export const up = `
ALTER TABLE offers ADD COLUMN kind TEXT NOT NULL DEFAULT 'pre_authorized' CHECK (kind IN ('pre_authorized','authorization_code'));
DROP INDEX offers_by_status;
CREATE INDEX offers_by_kind_status ON offers (kind, status, seq);
CREATE INDEX offers_by_kind ON offers (kind, seq);

CREATE TABLE code_offers (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  credentials TEXT NOT NULL,
  issuer_state TEXT NOT NULL UNIQUE,
  request_parameters TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE authorizations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  code_offer_id TEXT,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  state TEXT,
  code_challenge TEXT NOT NULL,
  credentials TEXT NOT NULL,
  short_code TEXT NOT NULL,
  handle_hash BLOB NOT NULL UNIQUE,
  code_hash BLOB NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected','expired')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  decided_at INTEGER
);
CREATE INDEX authorizations_by_status ON authorizations (status, seq);

CREATE TABLE pushed_requests (
  hash BLOB PRIMARY KEY,
  params TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
