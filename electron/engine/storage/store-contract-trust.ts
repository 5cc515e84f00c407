// The trust store's part of the shared store contract (store-contract.ts): IACAs, signer keys and
// CRLs (DESIGN §10), the same for every implementation.
import { expect, it } from 'vitest';
import type { IacaRecord, SignerRecord, Stores } from '../core/store';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const bytes = (text: string) => new TextEncoder().encode(text);

function iaca(overrides: Partial<IacaRecord> = {}): IacaRecord {
  const id = crypto.randomUUID();
  return {
    id,
    managed: true,
    active: true,
    certificateDer: bytes(`iaca-${id}`),
    fingerprint: id.replace(/-/g, '').padEnd(64, '0'),
    keyRef: { custody: 'file', name: `iaca-${id}` },
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function signer(iacaId: string, overrides: Partial<SignerRecord> = {}): SignerRecord {
  const id = crypto.randomUUID();
  return {
    id,
    kind: 'document_signer',
    iacaId,
    keyRef: { custody: 'pkcs11', tokenLabel: 'counter', tokenSerial: '1a2b', id: 'ab'.repeat(16) },
    publicKeySpki: bytes(`spki-${id}`),
    csrDer: bytes(`csr-${id}`),
    active: false,
    createdAt: NOW,
    ...overrides,
  };
}

const certificate = (n = 1) => ({
  der: bytes(`cert-${n}`),
  serialNumber: `4${n}`,
  notBefore: NOW,
  notAfter: NOW + 1000,
  installedAt: NOW + n,
});

export function trustStoreCases(open: () => Promise<Stores>): void {
  it('registers each IACA certificate once, keeps its key reference, and switches it on and off', async () => {
    const { trust } = await open();
    const managed = iaca();
    const authority = iaca({ managed: false, active: false, keyRef: undefined, createdAt: NOW + 1 });
    expect(await trust.insertIaca(managed)).toBe(true);
    expect(await trust.insertIaca(authority)).toBe(true);
    expect(await trust.insertIaca({ ...authority, id: crypto.randomUUID() })).toBe(false); // same fingerprint
    expect(await trust.listIacas()).toEqual([managed, authority]);
    expect(await trust.setIacaActive(authority.id, true, NOW + 5)).toBe(true);
    expect(await trust.getIaca(authority.id)).toEqual({ ...authority, active: true, updatedAt: NOW + 5 });
    expect(await trust.setIacaActive(crypto.randomUUID(), true, NOW)).toBe(false);
    expect(await trust.getIaca(crypto.randomUUID())).toBeUndefined();
  });

  it('installs a signer certificate once, activating it; only issued signers switch on; revoked ones stay off', async () => {
    const { trust } = await open();
    const parent = iaca();
    await trust.insertIaca(parent);
    const pending = signer(parent.id);
    const other = signer(parent.id, { createdAt: NOW + 1 });
    await trust.insertSigner(pending);
    await trust.insertSigner(other);
    expect(await trust.listSigners({ kind: 'document_signer', iacaId: parent.id })).toEqual([pending, other]);
    expect(await trust.setSignerActive(pending.id, true)).toBe(false); // no certificate yet

    const results = await Promise.all([
      trust.installCertificate(pending.id, certificate(1)),
      trust.installCertificate(pending.id, certificate(2)),
    ]);
    expect(results.sort()).toEqual(['already_installed', 'installed']);
    const installed = await trust.getSigner(pending.id);
    expect(installed?.active).toBe(true);
    expect([certificate(1).serialNumber, certificate(2).serialNumber]).toContain(installed?.certificate?.serialNumber);
    expect(await trust.setSignerActive(pending.id, false)).toBe(true);
    expect((await trust.getSigner(pending.id))?.active).toBe(false);

    expect(await trust.revokeSigner(pending.id, NOW + 9)).toBe('revoked');
    expect(await trust.revokeSigner(pending.id, NOW + 10)).toBe('already_revoked');
    expect(await trust.revokeSigner(crypto.randomUUID(), NOW)).toBe('not_found');
    expect(await trust.getSigner(pending.id)).toMatchObject({ active: false, revokedAt: NOW + 9 });
    expect(await trust.setSignerActive(pending.id, true)).toBe(false);
    expect(await trust.revokeSigner(other.id, NOW)).toBe('revoked');
    expect(await trust.installCertificate(other.id, certificate(3))).toBe('revoked');
    expect(await trust.installCertificate(crypto.randomUUID(), certificate(3))).toBe('not_found');
  });

  it('keeps Document Signers and status-list signers apart by kind (DESIGN §11)', async () => {
    const { trust } = await open();
    const parent = iaca();
    await trust.insertIaca(parent);
    const documentSigner = signer(parent.id);
    const statusListSigner = signer(parent.id, { kind: 'status_list_signer', createdAt: NOW + 1 });
    await trust.insertSigner(documentSigner);
    await trust.insertSigner(statusListSigner);
    expect(await trust.listSigners({ kind: 'document_signer', iacaId: parent.id })).toEqual([documentSigner]);
    expect(await trust.listSigners({ kind: 'status_list_signer', iacaId: parent.id })).toEqual([statusListSigner]);
    expect(await trust.getSigner(statusListSigner.id)).toEqual(statusListSigner);
  });

  it('keeps the CRL with the highest number: concurrent writers never go backwards', async () => {
    const { trust } = await open();
    const parent = iaca();
    await trust.insertIaca(parent);
    expect(await trust.getCrl(parent.id)).toBeUndefined();
    const crl = (number: number) => ({
      iacaId: parent.id,
      number,
      der: bytes(`crl-${number}`),
      thisUpdate: NOW + number,
      nextUpdate: NOW + 99,
    });
    expect(await trust.saveCrl(crl(1))).toBe(true);
    const raced = await Promise.all([trust.saveCrl(crl(2)), trust.saveCrl(crl(2))]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await trust.saveCrl(crl(1))).toBe(false);
    expect(await trust.getCrl(parent.id)).toEqual(crl(2));
  });
}
