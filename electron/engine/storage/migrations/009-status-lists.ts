// Migration 9: token status lists (DESIGN §11). Each issued credential may own one entry of a
// status list; its status lives on its row, and the list's bits are derived from those rows when
// the list's token is signed. Credential ids are time-ordered (UUIDv7), so their index appends.
export const up = `
ALTER TABLE issued_credentials ADD COLUMN user_id TEXT;
ALTER TABLE issued_credentials ADD COLUMN status_list_id TEXT;
ALTER TABLE issued_credentials ADD COLUMN status_idx INTEGER;
ALTER TABLE issued_credentials ADD COLUMN status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','invalid'));
ALTER TABLE issued_credentials ADD COLUMN status_reason TEXT;
ALTER TABLE issued_credentials ADD COLUMN status_changed_at INTEGER;
UPDATE issued_credentials SET user_id = (SELECT user_id FROM offers WHERE offers.id = issued_credentials.offer_id);
CREATE INDEX issued_by_id ON issued_credentials (id);
CREATE INDEX issued_by_user ON issued_credentials (user_id, seq) WHERE user_id IS NOT NULL;
CREATE INDEX issued_by_time ON issued_credentials (issued_at);
-- IETF Token Status List §11.4: one index of one list belongs to one credential, ever.
CREATE UNIQUE INDEX issued_by_status_entry ON issued_credentials (status_list_id, status_idx) WHERE status_list_id IS NOT NULL;
CREATE INDEX issued_invalid ON issued_credentials (status_list_id, status_idx) WHERE status = 'invalid';

CREATE TABLE status_lists (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  uri TEXT NOT NULL,
  iaca_id TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  permutation_key BLOB NOT NULL,
  allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated <= size),
  created_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  token BLOB,
  token_issued_at INTEGER,
  token_expires_at INTEGER,
  token_version INTEGER
);
CREATE INDEX status_lists_by_iaca ON status_lists (iaca_id, seq);

-- DESIGN §11 setting, one row: who signs the Status List Tokens.
CREATE TABLE status_list_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sign_with TEXT NOT NULL CHECK (sign_with IN ('status-list-signer', 'document-signer')),
  updated_at INTEGER NOT NULL
);
`;
