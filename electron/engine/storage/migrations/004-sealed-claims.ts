// Migration 4: holder data at rest (DESIGN §9). Claims are stored sealed under the wallet's
// secrets from now on; clear claims of offers still open at the upgrade cannot be sealed (their
// codes were never stored), so those offers end as expired, and requests still waiting for the
// clerk expire too (they have no key to seal an approval to). The VACUUM after the migrations
// (open-database.ts) then rewrites the file, leaving none of the old clear text in free pages.
const NOW = `CAST(strftime('%s','now') AS INTEGER) * 1000`;

export const up = `
UPDATE offers SET status = 'expired', ended_at = ${NOW} WHERE status IN ('pending','token_issued');
UPDATE offers SET claims = NULL WHERE claims IS NOT NULL;
ALTER TABLE offers DROP COLUMN claims;
ALTER TABLE offers ADD COLUMN sealed_claims BLOB;

UPDATE authorizations SET status = 'expired', decided_at = ${NOW} WHERE status = 'pending';
ALTER TABLE authorizations ADD COLUMN claims_key BLOB;
`;
