// StatusLists on a real SQLite store with a clock the test moves (DESIGN §11): tokens are signed
// when a list is made, again after a status change, and again before they expire, never otherwise.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../storage/sqlite-stores';
import { systemRandom } from '../util/secrets';
import { DEFAULT_STATUS_LIST_SETTINGS, StatusLists } from './status-lists';
import { statusListTokenCertificate, type StatusListSigner } from './status-list-token';
import type { SignersUnder } from './status-list-signer-choice';

const dir = mkdtempSync(join(tmpdir(), 'counter-status-lists-'));
const stores = openSqliteStores(join(dir, 'db.sqlite'));
afterAll(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
let now = Date.UTC(2026, 11, 1, 9);
let signatures = 0;
const signer = (kind: StatusListSigner['kind'], certificateDer: Uint8Array): StatusListSigner => ({
  kind,
  id: kind,
  certificateDer,
  notAfter: new Date(now + 365 * 86_400_000),
  sign: async (data) => ((signatures += 1), new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }))),
});
// Two IACAs, each with its signers; the test changes who can sign by changing this table.
const IACA = 'iaca-a';
const documentSigner = signer('document_signer', new Uint8Array([0x30, 0x01, 0xd5]));
let statusListSigner: StatusListSigner | undefined = signer('status_list_signer', new Uint8Array([0x30, 0x01, 0x51]));
const otherIaca: SignersUnder = {
  documentSigner: signer('document_signer', new Uint8Array([0x30, 0x01, 0xd6])),
  statusListSigner: signer('status_list_signer', new Uint8Array([0x30, 0x01, 0x56])),
};
let currentIaca = IACA;
let iacaAGone = false;
const lists = new StatusLists({
  stores,
  clock: { now: () => now },
  random: systemRandom,
  settings: { ...DEFAULT_STATUS_LIST_SETTINGS, size: 64 },
  credentialIssuer: 'https://counter.test',
  trust: {
    currentIacaId: () => currentIaca,
    signersUnder: (iacaId) =>
      iacaId === IACA ? (iacaAGone ? {} : { documentSigner, ...(statusListSigner ? { statusListSigner } : {}) }) : otherIaca,
  },
});

describe('StatusLists', () => {
  it('signs a new list at once, serves that token until its refresh time, then signs again, once', async () => {
    const [entry] = await lists.allocate(1, IACA);
    expect(entry!.uri).toBe(`https://counter.test/v2/credentials/mobile/status-lists/${entry!.listId}/token`);
    expect(signatures).toBe(1);
    const first = (await lists.token(entry!.listId))!.token;
    await lists.maintain();
    expect(signatures).toBe(1);

    // A minute past the refresh time (a day after signing, with the defaults): maintenance signs a new one.
    now = first.issuedAt + (DEFAULT_STATUS_LIST_SETTINGS.tokenSeconds - DEFAULT_STATUS_LIST_SETTINGS.refreshBeforeSeconds) * 1000 + 60_000;
    await lists.maintain();
    expect(signatures).toBe(2);
    const second = (await lists.token(entry!.listId))!.token;
    expect(second.issuedAt).toBe(now);
    expect(second.expiresAt).toBeGreaterThan(first.expiresAt);

    // Two callers that both find it due sign once, one after the other (the list's lock).
    const concurrent = await Promise.all([lists.resign(entry!.listId), lists.resign(entry!.listId)]);
    expect(signatures).toBe(2);
    expect(concurrent[0].token).toEqual(second);
    expect(statusListTokenCertificate(second.bytes)).toEqual(statusListSigner!.certificateDer);
  });

  it('signs again with whoever the setting or the trust state names now, and only then', async () => {
    const [entry] = await lists.allocate(1, IACA);
    const signedBy = async () => statusListTokenCertificate((await lists.token(entry!.listId))!.token.bytes);
    expect(await lists.signWith()).toBe('status-list-signer');
    expect(await signedBy()).toEqual(statusListSigner!.certificateDer);

    const before = signatures;
    await lists.setSignWith('document-signer');
    expect(await signedBy()).toEqual(documentSigner.certificateDer);
    expect(signatures).toBe(before + 1);
    await lists.maintain();
    expect(signatures).toBe(before + 1);

    // Back to status-list signers, then none can sign: the Document Signer signs meanwhile, and says so.
    await lists.setSignWith('status-list-signer');
    expect(await signedBy()).toEqual(statusListSigner!.certificateDer);
    statusListSigner = undefined;
    expect(await lists.chooseSigner()).toMatchObject({
      signWith: 'status-list-signer',
      fallback: 'document-signer',
      signer: { kind: 'document_signer' },
    });
    await lists.maintain();
    expect(await signedBy()).toEqual(documentSigner.certificateDer);
    // A new status-list signer (rotation, a certificate installed) takes over at the next run.
    statusListSigner = signer('status_list_signer', new Uint8Array([0x30, 0x01, 0x52]));
    await lists.maintain();
    expect(await signedBy()).toEqual(statusListSigner.certificateDer);
  });

  it("keeps each IACA's mDocs in lists of their own, signed under that IACA while it can, never lapsing", async () => {
    const [a] = await lists.allocate(1, IACA);
    currentIaca = 'iaca-b';
    const [b] = await lists.allocate(1, 'iaca-b');
    expect(b!.listId).not.toBe(a!.listId);
    const signedBy = async (listId: string) => statusListTokenCertificate((await lists.token(listId))!.token.bytes);
    expect(await signedBy(a!.listId)).toEqual(statusListSigner!.certificateDer); // still its own IACA's
    expect(await signedBy(b!.listId)).toEqual(otherIaca.statusListSigner!.certificateDer);
    // Nothing of the first IACA can sign any more: the current IACA's signer takes its list over, and says why.
    iacaAGone = true;
    await lists.maintain();
    expect(await signedBy(a!.listId)).toEqual(otherIaca.statusListSigner!.certificateDer);
    expect(await lists.chooseSigner(IACA)).toMatchObject({ fallback: 'current-iaca' });
  });
});
