// Migration 5: state that several processes on one database must share (DESIGN §13) lives in the
// database: failed-guess windows per client address (DESIGN §8) and values that may be seen only
// once until they expire (a DPoP proof's jti, RFC 9449 §11.1).
export const up = `
CREATE TABLE throttle_windows (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX throttle_windows_by_start ON throttle_windows (window_start);

CREATE TABLE seen_once (
  scope TEXT NOT NULL,
  hash BLOB NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, hash)
) WITHOUT ROWID;
CREATE INDEX seen_once_by_expiry ON seen_once (expires_at);
`;
