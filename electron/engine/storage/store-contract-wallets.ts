// The wallet-protocol part of the store contract (DESIGN §12, §13): trusted wallet providers,
// named settings, a setting written once that every process agrees on, and the DPoP key an
// authorization code is bound to.
import { expect, it } from 'vitest';
import type { Stores, WalletProviderRecord } from '../core/store';
import { newAuthorization, NOW } from './store-contract-fixtures';

const provider = (overrides: Partial<WalletProviderRecord> = {}): WalletProviderRecord => ({
  id: crypto.randomUUID(),
  name: 'Wallet provider',
  kind: 'jwk',
  material: '{"kty":"EC"}',
  fingerprint: `fp-${Math.random()}`,
  createdAt: NOW,
  ...overrides,
});

export function walletProtocolContract(open: () => Promise<Stores>): void {
  it('keeps wallet providers oldest first, one per fingerprint, and deletes them', async () => {
    const stores = await open();
    const a = provider({ createdAt: NOW, kind: 'certificate', material: '-----BEGIN CERTIFICATE-----' });
    const b = provider({ createdAt: NOW + 1 });
    expect(await stores.walletProtocol.insertProvider(b)).toBe(true);
    expect(await stores.walletProtocol.insertProvider(a)).toBe(true);
    expect(await stores.walletProtocol.insertProvider(provider({ fingerprint: a.fingerprint }))).toBe(false);
    expect(await stores.walletProtocol.listProviders()).toEqual([a, b]);
    expect(await stores.walletProtocol.deleteProvider(a.id)).toBe(true);
    expect(await stores.walletProtocol.deleteProvider(a.id)).toBe(false);
    expect((await stores.walletProtocol.listProviders()).map((p) => p.id)).toEqual([b.id]);
  });

  it('stores named settings, and a write-once setting that concurrent writers agree on', async () => {
    const stores = await open();
    expect(await stores.walletProtocol.getSetting('policy')).toBeUndefined();
    await stores.walletProtocol.putSetting('policy', '{"a":1}', NOW);
    await stores.walletProtocol.putSetting('policy', '{"a":2}', NOW + 1);
    expect(await stores.walletProtocol.getSetting('policy')).toBe('{"a":2}');
    const values = await Promise.all(['k1', 'k2', 'k3', 'k4'].map((v) => stores.walletProtocol.settingOnce('nonce-key', v, NOW)));
    expect(new Set(values).size).toBe(1);
    expect(await stores.walletProtocol.settingOnce('nonce-key', 'later', NOW)).toBe(values[0]);
    expect(await stores.walletProtocol.getSetting('nonce-key')).toBe(values[0]);
  });

  it('keeps the DPoP key an authorization is bound to (RFC 9449 §10), and none when unbound', async () => {
    const stores = await open();
    const bound = newAuthorization({ dpopJkt: 'j'.repeat(43) });
    const unbound = newAuthorization({ shortCode: '0422' });
    await stores.authorizations.insert(bound);
    await stores.authorizations.insert(unbound);
    expect((await stores.authorizations.get(bound.id))?.dpopJkt).toBe('j'.repeat(43));
    expect(await stores.authorizations.getByHandleHash(bound.handleHash)).toMatchObject({ dpopJkt: 'j'.repeat(43) });
    expect((await stores.authorizations.get(unbound.id))?.dpopJkt).toBeUndefined();
  });
}
