import { dpopWalletIssuance } from '../support/dpop-wallet';
import { certificateWalletProvider } from '../support/wallet-provider';
import { expectAccessible, shotAt } from './support/clerk';
import { expect, fillMdl, readQr, signIn, status, test, transactionCode } from './support/fixtures';

// DESIGN §12 in the counter UI: an admin sets the wallet policy and trusts a wallet provider in
// Settings → Wallets; the offer screen says how many copies a batch gave the wallet.

test('an admin requires DPoP and trusts a wallet provider in Settings; the engine applies both', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('button', { name: 'Settings' }).click();
  const wallets = page.getByRole('region', { name: 'Wallets' });
  await expect(wallets.getByLabel('Copies per request (batch size)')).toHaveValue('10');
  await wallets.getByLabel(/Require DPoP/).check();
  await wallets.getByLabel('Copies per request (batch size)').fill('4');
  await wallets.getByRole('button', { name: 'Save wallet settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The wallet settings are saved.' })).toBeVisible();
  const policy = (await (await counter.api('/v1/counter/wallet-policy')).json()) as Record<string, unknown>;
  expect(policy).toMatchObject({ requireDpop: true, batchSize: 4, requireWalletAttestation: false });

  const provider = await certificateWalletProvider();
  const anchor = (provider.anchor as { certificatePem: string }).certificatePem;
  await wallets.getByLabel('Name', { exact: true }).fill('Test Wallet Provider');
  await wallets.getByLabel('CA certificate (PEM) or public JWK').fill('not a certificate');
  await wallets.getByRole('button', { name: 'Add wallet provider' }).click();
  await expect(page.getByRole('alert')).toContainText('Paste a PEM certificate or a JSON Web Key.');
  await wallets.getByLabel('CA certificate (PEM) or public JWK').fill(anchor);
  await wallets.getByRole('button', { name: 'Add wallet provider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Test Wallet Provider is now trusted.' })).toBeVisible();
  await expect(wallets.getByRole('row', { name: /Test Wallet Provider/ })).toContainText('Test Wallet Provider CA');
  await shotAt(page, '60-settings-wallets');
  await expectAccessible(page, 'Settings with wallets');
  const listed = (await (await counter.api('/v1/counter/wallet-providers')).json()) as { data: { name: string }[] };
  expect(listed.data.map((p) => p.name)).toContain('Test Wallet Provider');

  await wallets
    .getByRole('row', { name: /Test Wallet Provider/ })
    .getByRole('button', { name: 'Remove' })
    .click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Test Wallet Provider is no longer trusted.' })).toBeVisible();
  await wallets.getByLabel(/Require DPoP/).uncheck();
  await wallets.getByLabel('Copies per request (batch size)').fill('10');
  await wallets.getByRole('button', { name: 'Save wallet settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The wallet settings are saved.' })).toBeVisible();
});

test('the offer screen says how many copies the wallet received', async ({ page, counter }) => {
  await signIn(page, counter);
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  const uri = await readQr(page.getByRole('img', { name: 'QR code of the credential offer' }));
  const txCode = await transactionCode(page);
  const wallet = await dpopWalletIssuance(uri, { txCode, copies: 5 });
  expect(wallet.credentials).toHaveLength(5);
  await expect(status(page)).toHaveAttribute('data-phase', 'claimed', { timeout: 2_000 });
  await expect(page.getByTestId('issued-copies')).toHaveText('The wallet received 5 copies, each bound to its own key.');
  await shotAt(page, '61-offer-five-copies');
});
