// PostgreSQL migration 2 (SQLite's 6): clerks and their sessions (DESIGN §14).
export const up = `
CREATE TABLE clerks (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  removed_at BIGINT
);
CREATE UNIQUE INDEX clerks_name_key ON clerks (name_key) WHERE removed_at IS NULL;

CREATE TABLE clerk_sessions (
  token_hash BYTEA PRIMARY KEY,
  clerk_id TEXT NOT NULL REFERENCES clerks (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE INDEX clerk_sessions_clerk ON clerk_sessions (clerk_id);
`;
