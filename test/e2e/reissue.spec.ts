import type { Page } from '@playwright/test';
import { removeDataDir, startCounter } from '../integration/support/counter-server';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { getAccessToken, receiveCredential, WalletError } from '../support/wallet';
import { expectAccessible, shotAt, withPreferences } from './support/clerk';
import { expect, fillMdl, holder, readQr, signIn, status, test, transactionCode } from './support/fixtures';

// DESIGN §14: a clerk serving a queue never retypes a person's details because an offer failed.

const qr = (page: Page) => page.getByRole('img', { name: 'QR code of the credential offer' });

test('an expired offer is re-issued in one action, and the screen does not go back by itself', async ({ page }) => {
  test.setTimeout(120_000);
  const short = await startCounter({ env: { COUNTER_OFFER_SECONDS: '3' } });
  try {
    await signIn(page, short);
    await fillMdl(page);
    await page.getByRole('button', { name: 'Create offer' }).click();
    const first = await readQr(qr(page));
    await expect(status(page)).toHaveAttribute('data-phase', 'expired', { timeout: 10_000 });
    const reissue = page.getByRole('button', { name: 'New code, same details' });
    await expect(reissue).toBeFocused();
    await expect(page.getByRole('button', { name: 'Edit details' })).toBeVisible();
    await shotAt(page, '20-offer-expired');
    await expectAccessible(page, 'an expired offer');
    // Nothing happens by itself after a failure (the old screen went back after 8 s).
    await page.waitForTimeout(9_000);
    await expect(status(page)).toHaveAttribute('data-phase', 'expired');

    // One action: the focused button, pressed once.
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveAttribute('data-phase', 'waiting');
    const second = await readQr(qr(page));
    expect(second).not.toBe(first);
    await transactionCode(page);
  } finally {
    await short.stop();
    removeDataDir(short.dataDir);
  }
});

test('a locked offer gets a new code with the same details, and the wallet receives exactly them', async ({ page, counter }) => {
  await signIn(page, counter);
  await fillMdl(page);
  await page.getByLabel('Sex').selectOption({ label: 'Female' });
  await page.getByRole('button', { name: 'Create offer' }).click();
  const uri = await readQr(qr(page));
  const code = await transactionCode(page);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  for (let i = 0; i < 3; i++) {
    const failure = await getAccessToken(uri, { txCode: wrong }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WalletError);
  }
  await expect(status(page)).toHaveAttribute('data-phase', 'locked');
  await expect(qr(page)).toBeHidden();
  // The locked offer's screen holds none of the person's details, though they are kept for a new code.
  for (const value of Object.values(holder)) await expect(page.locator('body')).not.toContainText(value);
  await shotAt(page, '21-offer-locked');

  await page.getByRole('button', { name: 'New code, same details' }).click();
  const uri2 = await readQr(qr(page));
  const wallet = await receiveCredential(uri2, { txCode: await transactionCode(page) });
  const { iacas } = (await (await fetch(`${counter.url}/v1/mdoc/iacas`)).json()) as { iacas: Array<{ certificatePem: string }> };
  const verified = await verifyIssuerSigned(wallet.issuerSigned, {
    trustedIacaPems: iacas.map((i) => i.certificatePem),
    docType: 'org.iso.18013.5.1.mDL',
  });
  const mdl = verified.claims['org.iso.18013.5.1']!;
  expect(mdl.family_name).toBe(holder.family_name);
  expect(mdl.given_name).toBe(holder.given_name);
  expect(mdl.birth_date).toBe(holder.birth_date);
  expect(mdl.document_number).toBe(holder.document_number);
  expect(mdl.sex).toBe(2);
  expect(mdl.age_over_18).toBe(true);
  await expect(status(page)).toHaveAttribute('data-phase', 'claimed');
});

test('a cancelled offer can be edited without retyping; Done forgets everything', async ({ page, counter }) => {
  await signIn(page, counter);
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  await expect(qr(page)).toBeVisible();
  // A typo spotted after Create: cancel, edit, create again.
  await page.getByRole('button', { name: 'Cancel offer' }).click();
  await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
  await expect(status(page)).toHaveAttribute('data-phase', 'cancelled');
  await page.getByRole('button', { name: 'Edit details' }).click();
  await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible();
  await expect(page.getByLabel('Family name')).toHaveValue(holder.family_name);
  await expect(page.getByLabel('Document number')).toHaveValue(holder.document_number);
  await expect(page.getByAltText('Chosen portrait')).toBeVisible();
  await page.getByLabel('Given name').fill('Arohanui');
  await shotAt(page, '22-counter-kept-details');
  await page.getByRole('button', { name: 'Create offer' }).click();
  await expect(status(page)).toHaveAttribute('data-phase', 'waiting');

  // Done: back to an empty counter, nothing of the person left anywhere on screen.
  await page.getByRole('button', { name: 'Cancel offer' }).click();
  await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByLabel('Family name')).toHaveValue('');
  for (const value of [...Object.values(holder), 'Arohanui']) await expect(page.locator('body')).not.toContainText(value);
  await expect(page.getByAltText('Chosen portrait')).toHaveCount(0);
});

test('the idle timeout forgets the kept details and the ended offer', async ({ page, counter }) => {
  await withPreferences(page, { idleSeconds: 2 });
  await signIn(page, counter);
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  await page.getByRole('button', { name: 'Cancel offer' }).click();
  await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
  await expect(status(page)).toHaveAttribute('data-phase', 'cancelled');
  // Untouched: the counter empties itself.
  await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible({ timeout: 6_000 });
  await expect(page.getByLabel('Family name')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Done' })).toHaveCount(0);

  // A filled-in form left alone goes too.
  await page.getByLabel('Family name').fill(holder.family_name);
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  await page.getByRole('button', { name: 'Cancel offer' }).click();
  await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await expect(page.getByLabel('Family name')).toHaveValue(holder.family_name);
  await expect(page.getByLabel('Family name')).toHaveValue('', { timeout: 6_000 });
  for (const value of Object.values(holder)) await expect(page.locator('body')).not.toContainText(value);
});

test('an offer keeps running while the clerk looks at another screen', async ({ page, counter }) => {
  await signIn(page, counter);
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  const code = await transactionCode(page);
  await page.getByRole('button', { name: 'Open offers' }).click();
  await expect(page.getByTestId('offer-running')).toBeAttached();
  const reference = await page.locator('td.reference').first().textContent();
  await page.getByRole('button', { name: /^Counter/ }).click();
  await expect(page.getByTestId('offer-reference')).toHaveText(`Ref. ${reference}`);
  expect(await transactionCode(page)).toBe(code);
});
