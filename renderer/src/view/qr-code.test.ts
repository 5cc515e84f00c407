import { describe, expect, it } from 'vitest';
import { drawQr, QR_QUIET_ZONE } from './qr-code';

const issuer = 'https://counter-03.branch.example.org:8443';
const byReference = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${issuer}/v1/openid/credential-offers/3f1c2b8e-0d1a-4c1e-9a55-3b8f8e2f9b01`)}`;
const byValue = `openid-credential-offer://?credential_offer=${encodeURIComponent(
  JSON.stringify({
    credential_issuer: issuer,
    credential_configuration_ids: ['0b7e3a52-4f3e-4c4e-8d7a-0c1e5f2a9b11'],
    credentials: ['0b7e3a52-4f3e-4c4e-8d7a-0c1e5f2a9b11'],
    grants: {
      'urn:ietf:params:oauth:grant-type:pre-authorized_code': {
        'pre-authorized_code': 'Vt3b8Qm2s9ZxKfYw1nL0pRcE7uHjAaTg5dXoIkMq',
        tx_code: { length: 6, input_mode: 'numeric', description: 'Enter the code shown at the counter' },
      },
    },
  }),
)}`;

describe('drawQr', () => {
  it('adds a four-module quiet zone around the symbol', () => {
    const qr = drawQr('hello');
    expect(qr.size).toBe(21 + 4 * (qr.version - 1) + 2 * QR_QUIET_ZONE);
    const xs = [...qr.path.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const);
    expect(Math.min(...xs.map(([x]) => x))).toBe(QR_QUIET_ZONE);
    expect(Math.min(...xs.map(([, y]) => y))).toBe(QR_QUIET_ZONE);
    expect(Math.max(...xs.map(([x, , run]) => x + run))).toBe(qr.size - QR_QUIET_ZONE);
  });

  it('draws the 7×7 finder pattern in the top-left corner', () => {
    const rows = drawQr('hello').path.split('z').filter(Boolean);
    const q = QR_QUIET_ZONE;
    expect(rows[0]).toBe(`M${q} ${q}h7v1h-7`);
  });

  it('keeps the by-reference offer much smaller than the same offer by value (why offerBy is reference)', () => {
    const reference = drawQr(byReference);
    const value = drawQr(byValue);
    // Measured: version 9 (53 modules a side) against version 19 (93).
    expect(reference.version).toBeLessThanOrEqual(10);
    expect(value.version - reference.version).toBeGreaterThanOrEqual(8);
  });
});
