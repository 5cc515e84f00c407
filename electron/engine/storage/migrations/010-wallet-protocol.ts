// Migration 10: the wallet protocol of DESIGN §12.
// - offers.token_jkt: the DPoP key an access token is bound to (RFC 9449 §6, cnf.jkt);
// - authorizations.dpop_jkt: the DPoP key an authorization code is bound to (RFC 9449 §10);
// - issued_credentials: one row per copy of a batch (copy_index), each with its own status list
//   entry (DESIGN §11, migration 9), and whether its device key was attested (OID4VCI 1.0
//   Appendix D); rebuilt because its UNIQUE (offer_id, configuration_id) becomes UNIQUE
//   (offer_id, configuration_id, copy_index);
// - wallet_providers: the trust anchors of wallet and key attestations;
// - wallet_settings: the wallet policy and the key of the stateless DPoP nonces (shared by every
//   process on the database, DESIGN §13).
export const up = `
ALTER TABLE offers ADD COLUMN token_jkt TEXT;
ALTER TABLE authorizations ADD COLUMN dpop_jkt TEXT;

CREATE TABLE issued_credentials_v10 (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  configuration_id TEXT NOT NULL,
  copy_index INTEGER NOT NULL DEFAULT 0,
  doc_type TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  device_key_thumbprint TEXT NOT NULL,
  key_attested INTEGER NOT NULL DEFAULT 0,
  notification_id TEXT NOT NULL,
  notification_event TEXT,
  notified_at INTEGER,
  user_id TEXT,
  status_list_id TEXT,
  status_idx INTEGER,
  status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','invalid')),
  status_reason TEXT,
  status_changed_at INTEGER,
  UNIQUE (offer_id, configuration_id, copy_index)
);
INSERT INTO issued_credentials_v10 (seq, id, offer_id, configuration_id, doc_type, issued_at, valid_from, valid_until, device_key_thumbprint,
  notification_id, notification_event, notified_at, user_id, status_list_id, status_idx, status, status_reason, status_changed_at)
  SELECT seq, id, offer_id, configuration_id, doc_type, issued_at, valid_from, valid_until, device_key_thumbprint,
  notification_id, notification_event, notified_at, user_id, status_list_id, status_idx, status, status_reason, status_changed_at
  FROM issued_credentials ORDER BY seq;
DROP TABLE issued_credentials;
ALTER TABLE issued_credentials_v10 RENAME TO issued_credentials;
-- Migration 9's indexes, on the rebuilt table.
CREATE INDEX issued_by_id ON issued_credentials (id);
CREATE INDEX issued_by_user ON issued_credentials (user_id, seq) WHERE user_id IS NOT NULL;
CREATE INDEX issued_by_time ON issued_credentials (issued_at);
CREATE UNIQUE INDEX issued_by_status_entry ON issued_credentials (status_list_id, status_idx) WHERE status_list_id IS NOT NULL;
CREATE INDEX issued_invalid ON issued_credentials (status_list_id, status_idx) WHERE status = 'invalid';

CREATE TABLE wallet_providers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('certificate','jwk')),
  material TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE wallet_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`;
