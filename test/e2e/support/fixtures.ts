import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { removeDataDir, startCounter, type CounterServer } from '../../integration/support/counter-server';

export { expect };

export const SCREENSHOTS = 'test-results/screenshots';
export const PORTRAIT = 'resources/sample/portrait.jpg';
export const MDL_NAME = 'Mobile driving licence';

/** One real headless kiosk (`npm run serve` code path) per worker, with a known admin token. */
export const test = base.extend<object, { counter: CounterServer }>({
  counter: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const server = await startCounter();
      await use(server);
      await server.stop();
      removeDataDir(server.dataDir);
    },
    { scope: 'worker' },
  ],
});

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, counter: CounterServer, token = counter.adminToken): Promise<void> {
  await page.goto(counter.url);
  await page.getByRole('button', { name: 'Sign in with an API token (IT)' }).click();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible();
}

export const holder = {
  family_name: 'Tūhoe-Smith',
  given_name: 'Aroha',
  birth_date: '1990-01-31',
  issue_date: '2026-11-01',
  expiry_date: '2031-11-01',
  document_number: 'DL-0042-7781',
};

/** Picks the mDL and fills in every required field with a real JPEG portrait. */
export async function fillMdl(page: Page): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  await fillMdlFields(page);
}

/** Every required mDL field of whatever claims form is on screen (Counter, or a request on Requests). */
export async function fillMdlFields(page: Page): Promise<void> {
  await page.getByLabel('Family name').fill(holder.family_name);
  await page.getByLabel('Given name').fill(holder.given_name);
  await page.getByLabel('Birth date').fill(holder.birth_date);
  await page.getByLabel('Issue date').fill(holder.issue_date);
  await page.getByLabel('Expiry date').fill(holder.expiry_date);
  await page.getByLabel('Document number').fill(holder.document_number);
  await page.getByLabel('Portrait').setInputFiles(PORTRAIT);
  await expect(page.getByAltText('Chosen portrait')).toBeVisible();
}

/** Reads the QR code off the screen: a screenshot of it, decoded with jsQR. */
export async function readQr(qr: Locator): Promise<string> {
  const png = PNG.sync.read(await qr.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  if (!code) throw new Error('no QR code could be decoded from the screen');
  return code.data;
}

export async function transactionCode(page: Page): Promise<string> {
  const text = (await page.getByTestId('transaction-code').textContent()) ?? '';
  expect(text).toMatch(/^\d{6}$/);
  return text;
}

export const status = (page: Page): Locator => page.getByTestId('offer-status');

/** Creates a clerk through the management API (as an admin would in Settings). */
export async function createClerk(counter: CounterServer, name: string, pin: string): Promise<{ id: string; name: string }> {
  const response = await counter.api('/v1/counter/clerks', { method: 'POST', json: { name, pin } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

/** A clerk signs in as themselves (DESIGN §14). */
export async function signInAsClerk(page: Page, counter: CounterServer, name: string, pin: string): Promise<void> {
  await page.goto(counter.url);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'New offer' })).toBeVisible();
}
