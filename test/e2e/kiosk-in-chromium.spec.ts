import { receiveCredential } from '../support/wallet';
import { expectAccessible, shotAt } from './support/clerk';
import { expect, fillMdl, readQr, status, test, transactionCode } from './support/fixtures';
import { tsImport } from 'tsx/esm/api';
import type * as Harness from './support/kiosk-in-chromium';

// DESIGN §8, §14: the Electron kiosk's renderer over its generated bridges, main's handlers and the
// engine in-process (everything but the Electron binary, which cannot be downloaded here; see
// electron-kiosk.spec.ts for the real app where it can).

let kiosk: Harness.KioskInChromium;
test.beforeEach(async ({ context }) => {
  // The engine in this process, loaded as the Electron build loads it (its JSON resources
  // included), which Playwright's own loader does not do.
  const { kioskInChromium } = (await tsImport('./support/kiosk-in-chromium.ts', import.meta.url)) as typeof Harness;
  kiosk = await kioskInChromium(context);
});
test.afterEach(async () => {
  await kiosk.close();
});

test('the kiosk issues as itself, and its second screen shows the QR, the code and the countdown', async () => {
  const page = await kiosk.open('clerk');
  // No sign-in while nobody has a clerk account: the kiosk itself, with the issuer role.
  await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText('This kiosk');
  expect(await page.evaluate(() => typeof (window as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (window as { counterDisplay?: unknown }).counterDisplay)).toBe('undefined');
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Customer display' });
  await expect(section).toContainText('Connect a second screen');

  // A second screen: main opens the customer window there (customer-display-window.ts) and pairs it.
  const display = await kiosk.open('display');
  await kiosk.link.open();
  await expect(display.getByRole('status')).toContainText(/welcome/i);
  await expect(section).toContainText('The second screen shows your offers');
  expect(await display.evaluate(() => typeof (window as { counter?: unknown }).counter)).toBe('undefined');

  await page.getByRole('button', { name: 'Counter' }).click();
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  const code = await transactionCode(page);
  await expect(display.locator('main')).toHaveAttribute('data-state', 'offer');
  await expect(display.getByTestId('display-code')).toHaveText(code);
  await expect(display.locator('.countdown-time')).toHaveText(/^\d:\d\d$/);
  // The clerk keeps the navigation (and the Requests badge) while the customer scans.
  await expect(page.getByRole('button', { name: 'Requests' })).toBeVisible();
  await shotAt(display, '80-kiosk-customer-display-offer');
  await expectAccessible(display, 'kiosk customer display');

  // The wallet scans the customer's screen.
  const uri = await readQr(display.getByRole('img', { name: /QR code/ }));
  expect(uri).toBe(await readQr(page.getByRole('img', { name: 'QR code of the credential offer' })));
  await receiveCredential(uri, { txCode: code });
  await expect(status(page)).toHaveAttribute('data-phase', 'claimed');
  await expect(display.getByTestId('display-code')).toHaveCount(0);
  await expect(display.locator('main')).not.toHaveAttribute('data-state', 'offer');
  await shotAt(page, '81-kiosk-issued-as-itself');

  // The screen is unplugged: the clerk's window goes on without it.
  await kiosk.link.close();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'Customer display' })).toContainText('Connect a second screen');
});

test('IT signs in at the kiosk for the admin screens; once clerks exist each clerk signs in, and Lock asks for the PIN again', async () => {
  const page = await kiosk.open('clerk');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'Clerks' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign in as a clerk or IT' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Counter' })).toBeVisible();
  // Back to the kiosk without signing in.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('This kiosk');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Sign in as a clerk or IT' }).click();
  await page.getByRole('button', { name: 'Sign in with an API token (IT)' }).click();
  await page.getByLabel('API token').fill('wrong-token');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That API token was not accepted. Check it and try again.');
  await page.getByLabel('API token').fill(kiosk.adminToken);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(/^IT: /);
  await page.getByRole('button', { name: 'Settings' }).click();
  const clerks = page.getByRole('region', { name: 'Clerks' });
  await clerks.getByLabel('Name').fill('Hēmi Walker');
  await clerks.getByLabel('PIN', { exact: true }).fill('246810');
  await clerks.getByRole('button', { name: 'Add clerk' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Hēmi Walker can now sign in.' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // A clerk account exists: the kiosk no longer issues as itself.
  await expect(page.getByRole('heading', { name: 'Sign in to Counter' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back' })).toHaveCount(0);
  await page.getByLabel('Name').fill('hēmi walker');
  await page.getByLabel('PIN').fill('111111');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That name and PIN do not match. Try again.');
  await page.getByLabel('PIN').fill('246810');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Hēmi Walker');
  await shotAt(page, '82-kiosk-clerk-signed-in');
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  await expect(status(page)).toHaveAttribute('data-phase', 'waiting');
  await page.getByRole('button', { name: 'Cancel offer' }).click();
  await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
  await page.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByText('Locked. Hēmi Walker, enter your PIN to carry on.')).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { counter: { whoAmI(): Promise<{ ok: boolean }> } }).counter.whoAmI()),
  ).toMatchObject({
    ok: false,
    error: { status: 401 },
  });
  await page.getByLabel('PIN').fill('246810');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Hēmi Walker');

  // Every event of the clerk's names them, though no token ever reached the page.
  const it = await kiosk.engine.backend.signInWithToken(kiosk.adminToken);
  const events = (await it.api.listEvents({ limit: 200 })).data;
  expect(events.filter((e) => e.type === 'OPENID_PRE_AUTHORIZED_OFFER_CREATE_SUCCESS').map((e) => e.data.clerkName)).toEqual([
    'Hēmi Walker',
  ]);
});
