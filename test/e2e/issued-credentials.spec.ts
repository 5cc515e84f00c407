import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDataDir, startCounter, type CounterServer } from '../integration/support/counter-server';
import { createMdlOffer } from '../integration/support/fixtures';
import { checkStatusListToken, statusOfIssuerSigned, type StatusReference } from '../support/status-list-check';
import { receiveCredential } from '../support/wallet';
import { expect, SCREENSHOTS, shot, signIn, test } from './support/fixtures';

// DESIGN §11, the clerk's side of revocation: Issued credentials finds what a real wallet received
// (by user ID, by the offer's reference, by day), revokes one after a confirmation with a reason, and
// shows it revoked at once; the Status List Token then says so to a check independent of the engine.
// Settings → Status lists shows a list not yet published, then when it was (npm run publish).

const BASE = 'https://status.branch.example/lists';
const reference = (offerId: string) => offerId.replace(/-/g, '').slice(0, 4).toUpperCase();
/** Today in the browser's time zone (playwright.config: Pacific/Auckland), as the office writes it (en-NZ: dd/mm/yyyy). */
const today = (plusDays = 0) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Pacific/Auckland', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(Date.now() + plusDays * 86_400_000),
  );

async function issueTo(counter: CounterServer, userId: string): Promise<{ offerId: string; status: StatusReference }> {
  const offer = await createMdlOffer(counter, { userId });
  const wallet = await receiveCredential(offer.uri, { txCode: String(offer.transactionCode) });
  return { offerId: offer.id, status: statusOfIssuerSigned(wallet.issuerSigned)! };
}

/** The list's token from the kiosk's own route (the MSO names the branch's public host), checked independently. */
async function statusBit(counter: CounterServer, status: StatusReference): Promise<number> {
  const listId = /\/([0-9a-f-]{36})\.cwt$/.exec(status.uri)![1]!;
  const token = new Uint8Array(await (await fetch(`${counter.url}/v2/credentials/mobile/status-lists/${listId}/token`)).arrayBuffer());
  const { iacas } = (await (await fetch(`${counter.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] };
  return (await checkStatusListToken(token, iacas[0]!.certificatePem)).statusAt(status.idx);
}

test('the clerk finds issued credentials and revokes one; Settings shows the lists and their publication', async ({ page }) => {
  const counter = await startCounter({ args: ['--status-list-base-url', BASE] }); // its own kiosk: an offline branch's
  const published = mkdtempSync(join(tmpdir(), 'counter-e2e-published-'));
  try {
    const first = await issueTo(counter, 'holder-e2e-1');
    const second = await issueTo(counter, 'holder-e2e-2');
    expect(await statusBit(counter, first.status)).toBe(0);

    await signIn(page, counter);
    await page.getByRole('button', { name: 'Issued' }).click();
    await expect(page.getByRole('heading', { name: 'Issued credentials' })).toBeVisible();
    const rows = page.locator('tr[data-credential-id]');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('holder-e2e-2'); // newest first
    await shot(page, 'issued-1-all');

    // By user ID, by the offer's reference (as Activity shows it), by day.
    await page.getByLabel('User ID').fill('holder-e2e-1');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(reference(first.offerId));
    await page.getByLabel('User ID').fill('');
    await page.getByLabel('Offer').fill(reference(second.offerId));
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('holder-e2e-2');
    await page.getByLabel('Offer').fill('not an offer');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(page.getByText('Enter the offer’s reference (4 to 8 letters and digits) or its whole ID.')).toBeVisible();
    await page.getByLabel('Offer').fill('');
    await page.getByLabel('Issued from').fill(today(1));
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(page.getByText('No issued credentials found.')).toBeVisible();
    await page.getByLabel('Issued from').fill(today());
    await page.getByLabel('Issued until').fill(today());
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(rows).toHaveCount(2);

    // Revoke the first: a second step with the reason; Escape keeps it; then for good, shown at once.
    const row = page.locator(`tr[data-credential-id]`, { hasText: 'holder-e2e-1' });
    await expect(row.getByTestId('credential-status')).toHaveText('Valid');
    await row.getByRole('button', { name: 'Revoke' }).click();
    const question = row.getByRole('group', { name: /Revoke this Mobile driving licence for good\?/ });
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    expect(await statusBit(counter, first.status)).toBe(0);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await question.getByLabel('Reason').selectOption({ label: 'Issued in error' });
    await shot(page, 'issued-2-confirm');
    await question.getByRole('button', { name: 'Revoke for good' }).click();
    await expect(row.getByTestId('credential-status')).toContainText('Revoked');
    await expect(row.getByTestId('credential-status')).toContainText('Issued in error');
    await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
    await expect(page.locator(`tr[data-credential-id]`, { hasText: 'holder-e2e-2' }).getByTestId('credential-status')).toHaveText('Valid');
    await shot(page, 'issued-3-revoked');
    expect(await statusBit(counter, first.status)).toBe(1);
    expect(await statusBit(counter, second.status)).toBe(0);

    // Settings → Trust lists the kiosk's status-list signer; Settings → Status lists: not yet published to the branch's public host; then published.
    await page.getByRole('button', { name: 'Settings' }).click();
    const statusListSigner = page.locator('section.trust tr[data-status-list-signer-id]');
    await expect(statusListSigner).toHaveCount(1);
    await expect(statusListSigner.getByTestId('signer-status')).toHaveText('Signing the status lists');
    await expect(statusListSigner).toContainText('Counter IACA');
    const lists = page.locator('section.status-lists');
    await expect(lists.getByRole('heading', { name: 'Status lists (revocation)' })).toBeVisible();
    await expect(lists.getByRole('radio', { name: 'A status-list signer (recommended)' })).toBeChecked();
    await expect(lists.getByTestId('status-list-signer')).toContainText('the status-list signer');
    await expect(lists.getByTestId('list-published')).toHaveText('Never: run npm run publish');
    await expect(lists.getByRole('status')).toContainText('has not been published to https://status.branch.example/lists yet');
    const publish = spawnSync(process.execPath, ['scripts/publish.mjs', '--to', published, '--data-dir', counter.dataDir], {
      encoding: 'utf8',
    });
    expect(publish.status, publish.stderr).toBe(0);
    expect(readdirSync(published).filter((f) => f.endsWith('.cwt'))).toHaveLength(1);
    await page.getByRole('button', { name: 'Counter' }).first().click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(lists.getByTestId('list-published')).toContainText(`${today()}`);
    await expect(lists.getByRole('status')).toHaveCount(0);
    // The Document Signer's own certificate instead, by the setting.
    const documentSigner = lists.getByRole('radio', { name: 'The Document Signer’s own certificate' });
    await documentSigner.click(); // checked once the engine has it
    await expect(documentSigner).toBeChecked();
    await expect(lists.getByTestId('status-list-signer')).toContainText('the Document Signer');
    await lists.screenshot({ path: join(SCREENSHOTS, 'issued-4-status-lists.png') });

    // The same in German.
    await page.getByLabel('Language').selectOption({ label: 'Deutsch (German)' });
    await expect(lists.getByRole('heading', { name: 'Statuslisten (Widerruf)' })).toBeVisible();
    await page.getByRole('button', { name: 'Ausgestellt' }).click();
    await expect(page.getByRole('heading', { name: 'Ausgestellte Nachweise' })).toBeVisible();
    await expect(page.locator(`tr[data-credential-id]`, { hasText: 'holder-e2e-1' }).getByTestId('credential-status')).toContainText(
      'Widerrufen',
    );
    await expect(
      page.locator(`tr[data-credential-id]`, { hasText: 'holder-e2e-2' }).getByRole('button', { name: 'Widerrufen' }),
    ).toBeVisible();
    await shot(page, 'issued-5-german');
  } finally {
    await counter.stop();
    removeDataDir(counter.dataDir);
    rmSync(published, { recursive: true, force: true });
  }
});
