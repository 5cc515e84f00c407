// Migration 3: bounded unauthenticated writes (DESIGN §8), as SQLite's migration 7: pending
// authorization requests and pushed requests remember their client address, so that both are
// capped per address and in total; short codes are looked up among the pending ones.
export const up = `
ALTER TABLE authorizations ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
ALTER TABLE pushed_requests ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
CREATE INDEX authorizations_pending_by_address ON authorizations (client_address, expires_at) WHERE status = 'pending';
CREATE INDEX authorizations_pending_by_code ON authorizations (short_code, expires_at) WHERE status = 'pending';
CREATE INDEX pushed_requests_by_address ON pushed_requests (client_address, expires_at);
CREATE INDEX pushed_requests_by_expiry ON pushed_requests (expires_at);
`;
