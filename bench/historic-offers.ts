import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase } from '../electron/engine/storage/open-database';

/**
 * Fills a data dir's database with `count` ended pre-authorized offers, as a branch would have
 * after years of use (claims erased, codes and tokens as digests, issued credentials recorded),
 * so that the benchmark can show lookups stay fast at that size. Not used by the engine itself.
 */
export function seedHistoricOffers(file: string, count: number, configurationId: string, now = Date.now()): void {
  const db = openDatabase(file);
  try {
    const offer =
      db.prepare(`INSERT INTO offers (id, kind, credentials, status, created_at, expires_at, code_hash, token_hash, token_issued_at, token_expires_at, claimed_at, ended_at)
      VALUES (@id, 'pre_authorized', @credentials, @status, @createdAt, @expiresAt, @codeHash, @tokenHash, @tokenAt, @tokenExpiresAt, @claimedAt, @endedAt)`);
    const issued =
      db.prepare(`INSERT INTO issued_credentials (id, offer_id, configuration_id, doc_type, issued_at, valid_from, valid_until, device_key_thumbprint, notification_id)
      VALUES (?, ?, ?, 'org.iso.18013.5.1.mDL', ?, ?, ?, ?, ?)`);
    const credentials = JSON.stringify([configurationId]);
    const statuses = ['claimed', 'accepted', 'expired', 'cancelled'] as const;
    // Within the retention period (DESIGN §9), so that the engine keeps them all.
    const spacing = Math.min(60_000, Math.floor((80 * 86_400_000) / count));
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) {
        const createdAt = now - (count - i) * spacing;
        const status = statuses[i % statuses.length]!;
        const redeemed = status === 'claimed' || status === 'accepted';
        const id = randomUUID();
        offer.run({
          id,
          credentials,
          status,
          createdAt,
          expiresAt: createdAt + 300_000,
          codeHash: randomBytes(32),
          tokenHash: redeemed ? randomBytes(32) : null,
          tokenAt: redeemed ? createdAt + 30_000 : null,
          tokenExpiresAt: redeemed ? createdAt + 330_000 : null,
          claimedAt: redeemed ? createdAt + 40_000 : null,
          endedAt: createdAt + 40_000,
        });
        if (redeemed)
          issued.run(
            randomUUID(),
            id,
            configurationId,
            createdAt + 40_000,
            createdAt,
            createdAt + 5 * 365 * 86_400_000,
            randomBytes(32).toString('base64url'),
            randomUUID(),
          );
      }
    });
    for (let from = 0; from < count; from += 50_000) batch(from, Math.min(count, from + 50_000));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
