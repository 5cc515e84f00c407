import { describe, expect, it } from 'vitest';
import { deploymentWarnings } from './deployment-warnings';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;
const codes = (input: Parameters<typeof deploymentWarnings>[0]) => deploymentWarnings(input).map((w) => w.code);

describe('deployment warnings', () => {
  it('warns 14 days before the certificate expires, and once it has', () => {
    expect(codes({ publicUrl: 'https://counter.branch.example', certificateNotAfter: new Date(NOW + 15 * DAY), now: NOW })).toEqual([]);
    const soon = deploymentWarnings({
      publicUrl: 'https://counter.branch.example',
      certificateNotAfter: new Date(NOW + 14 * DAY),
      now: NOW,
    });
    expect(soon).toEqual([{ code: 'CertificateExpiring', message: expect.stringMatching(/expires in 14 days/) }]);
    expect(
      deploymentWarnings({ publicUrl: 'https://a.example', certificateNotAfter: new Date(NOW + 3600_000), now: NOW })[0]?.message,
    ).toMatch(/in 1 day\b/);
    expect(codes({ publicUrl: 'https://counter.branch.example', certificateNotAfter: new Date(NOW), now: NOW })).toEqual([
      'CertificateExpired',
    ]);
  });

  it('warns about a public URL that names an IP address, v4 or v6', () => {
    expect(codes({ publicUrl: 'https://192.168.1.20:8787', now: NOW })).toEqual(['PublicUrlIsIpAddress']);
    expect(codes({ publicUrl: 'https://[fe80::1]:8787', now: NOW })).toEqual(['PublicUrlIsIpAddress']);
    expect(codes({ publicUrl: 'https://counter.local:8787', now: NOW })).toEqual([]);
  });

  it('warns about plain http, and says nothing about this machine (loopback)', () => {
    expect(codes({ publicUrl: 'http://counter.branch.example', now: NOW })).toEqual(['PublicUrlNotHttps']);
    expect(codes({ publicUrl: 'http://10.0.0.5:8787', now: NOW })).toEqual(['PublicUrlIsIpAddress', 'PublicUrlNotHttps']);
    expect(codes({ publicUrl: 'http://127.0.0.1:8787', now: NOW })).toEqual([]);
    expect(codes({ publicUrl: 'http://localhost:8787', now: NOW })).toEqual([]);
  });
});
