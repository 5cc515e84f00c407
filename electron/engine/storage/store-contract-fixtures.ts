// Records and constants shared by the store contract suites (DESIGN §6).
import type { AuthorizationRecord, IssuedBatchRecord, NewOffer } from '../core/store';
import { sha256 } from '../core/util/secrets';

export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
// Stores keep the sealed claims as opaque bytes (DESIGN §9); the core seals and opens them.
export const SEALED = Buffer.from('sealed under the pre-authorized code');
export const RESEALED = Buffer.from('sealed under the access token');
let counter = 0;

export function newOffer(overrides: Partial<NewOffer> = {}): NewOffer {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    credentials: ['cfg-a'],
    createdAt: NOW,
    expiresAt: NOW + 300_000,
    codeHash: sha256(`code-${counter}-${Math.random()}`),
    sealedClaims: SEALED,
    ...overrides,
  };
}

/** A batch of `copies` credentials of one configuration (one copy unless asked), each with its own id and key. */
export function issued(offerId: string, configurationId: string, copies = 1): IssuedBatchRecord {
  return {
    offerId,
    configurationId,
    docType: 'org.iso.18013.5.1.mDL',
    issuedAt: NOW,
    validFrom: NOW,
    validUntil: NOW + 1000,
    notificationId: crypto.randomUUID(),
    copies: Array.from({ length: copies }, (_, i) => ({
      id: crypto.randomUUID(),
      deviceKeyThumbprint: `thumb-${i}`,
      keyAttested: i % 2 === 0,
    })),
  };
}

export const token = (n = 1) => ({ hash: sha256(`token-${n}-${Math.random()}`), expiresAt: NOW + 300_000 });

export function newAuthorization(overrides: Partial<AuthorizationRecord> = {}) {
  return {
    id: crypto.randomUUID(),
    clientId: 'wallet',
    redirectUri: 'https://wallet.example/cb',
    state: 's',
    codeChallenge: 'c'.repeat(43),
    credentials: ['cfg-a'],
    shortCode: '0421',
    codeHash: sha256(`auth-code-${Math.random()}`),
    handleHash: sha256(`handle-${Math.random()}`),
    clientAddress: '192.0.2.1',
    createdAt: NOW,
    expiresAt: NOW + 600_000,
    ...overrides,
  };
}
