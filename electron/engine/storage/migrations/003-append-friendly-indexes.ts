// Migration 3: keep writes cheap when the branch has a million offers behind it (DESIGN §6). Every
// random-keyed B-tree costs a page that is rarely in cache, so:
// - offer_configurations goes: it only answered "does an open offer use this configuration?",
//   and open offers are few enough to check directly;
// - issued_credentials becomes a rowid table appended in issue order, found by (offer_id,
//   configuration_id); its random id and notification_id no longer need indexes of their own.
export const up = `
DROP TABLE offer_configurations;

CREATE TABLE issued_credentials_v3 (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  configuration_id TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_until INTEGER NOT NULL,
  device_key_thumbprint TEXT NOT NULL,
  notification_id TEXT NOT NULL,
  notification_event TEXT,
  notified_at INTEGER,
  UNIQUE (offer_id, configuration_id)
);
INSERT INTO issued_credentials_v3 (id, offer_id, configuration_id, doc_type, issued_at, valid_from, valid_until, device_key_thumbprint, notification_id, notification_event, notified_at)
  SELECT id, offer_id, configuration_id, doc_type, issued_at, valid_from, valid_until, device_key_thumbprint, notification_id, notification_event, notified_at
  FROM issued_credentials ORDER BY issued_at;
DROP TABLE issued_credentials;
ALTER TABLE issued_credentials_v3 RENAME TO issued_credentials;
`;
