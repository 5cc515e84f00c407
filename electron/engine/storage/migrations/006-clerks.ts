// Migration 6: clerks who sign in with name and PIN, and their sessions (DESIGN §14). A removed
// clerk's row stays (removed_at) so that old events still name someone; their name is free again.
export const up = `
CREATE TABLE clerks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  removed_at INTEGER
);
CREATE UNIQUE INDEX clerks_name_key ON clerks (name_key) WHERE removed_at IS NULL;

CREATE TABLE clerk_sessions (
  token_hash BLOB PRIMARY KEY,
  clerk_id TEXT NOT NULL REFERENCES clerks (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX clerk_sessions_clerk ON clerk_sessions (clerk_id);
`;
