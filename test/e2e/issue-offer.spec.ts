import { getAccessToken, receiveCredential, sendNotification, WalletError } from '../support/wallet';
import { expect, fillMdl, holder, readQr, shot, signIn, status, test, transactionCode } from './support/fixtures';

// DESIGN §7: the clerk's whole path through the real UI, with a real OpenID4VCI wallet on the other side.

test('a clerk signs in, creates an mDL offer, and the screen follows the wallet to "accepted"', async ({ page, counter }) => {
  await page.goto(counter.url);
  await expect(page.getByRole('heading', { name: 'Sign in to Counter' })).toBeVisible();
  await shot(page, '01-sign-in');

  await page.getByRole('button', { name: 'Sign in with an API token (IT)' }).click();
  await page.getByLabel('API token').fill('not-the-token');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not accepted');
  await shot(page, '02-sign-in-refused');

  await signIn(page, counter);
  await shot(page, '03-counter-empty');
  await fillMdl(page);
  await shot(page, '04-counter-filled');

  await page.getByRole('button', { name: 'Create offer' }).click();
  const qr = page.getByRole('img', { name: 'QR code of the credential offer' });
  await expect(qr).toBeVisible();
  await expect(status(page)).toHaveAttribute('data-phase', 'waiting');
  // Nothing the clerk typed is on the offer screen.
  for (const value of Object.values(holder)) await expect(page.locator('body')).not.toContainText(value);
  await shot(page, '05-offer-waiting');

  const uri = await readQr(qr);
  expect(uri).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
  const txCode = await transactionCode(page);

  // The wallet fetches the offer by reference: "scanned".
  const offerUrl = new URL(uri).searchParams.get('credential_offer_uri')!;
  expect((await fetch(offerUrl)).status).toBe(200);
  await expect(status(page)).toHaveAttribute('data-phase', 'scanned', { timeout: 1_000 });
  await shot(page, '06-offer-scanned');

  const wallet = await receiveCredential(uri, { txCode });
  expect(wallet.issuerSigned.length).toBeGreaterThan(500);
  const issuedAt = Date.now();
  await expect(status(page)).toHaveAttribute('data-phase', 'claimed', { timeout: 1_000 });
  console.log(`"issued" shown ${Date.now() - issuedAt} ms after the wallet got its credential`);
  await expect(qr).toBeHidden();
  await expect(page.getByTestId('transaction-code')).toBeHidden();
  await shot(page, '07-offer-issued');

  await sendNotification(wallet, 'credential_accepted');
  await expect(status(page)).toHaveAttribute('data-phase', 'accepted', { timeout: 1_000 });
  await expect(status(page)).toContainText('Accepted by the wallet');
  await shot(page, '08-offer-accepted');

  // Back to an empty counter by itself, with no personal data left.
  await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByLabel('Family name')).toHaveValue('');
  for (const value of Object.values(holder)) await expect(page.locator('body')).not.toContainText(value);
});

test("cancelling an offer from the offer screen makes the wallet's token request fail", async ({ page, counter }) => {
  await signIn(page, counter);
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  const qr = page.getByRole('img', { name: 'QR code of the credential offer' });
  const uri = await readQr(qr);
  const txCode = await transactionCode(page);
  // A wallet that had already read the offer before it was cancelled.
  const offer = await (await fetch(new URL(uri).searchParams.get('credential_offer_uri')!)).json();
  const byValue = `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;

  await page.getByRole('button', { name: 'Cancel offer' }).click();
  await expect(page.getByRole('button', { name: 'No, keep it' })).toBeFocused();
  await shot(page, '09-offer-cancel-confirm');
  await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
  await expect(status(page)).toHaveAttribute('data-phase', 'cancelled');
  await expect(qr).toBeHidden();
  await shot(page, '10-offer-cancelled');

  const failure = await getAccessToken(byValue, { txCode }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(WalletError);
  expect((failure as WalletError).step).toBe('token');
  expect((failure as WalletError).error).toBe('invalid_grant');

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible();
});
