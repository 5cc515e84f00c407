import { readFileSync } from 'node:fs';
import { createClerk, expect, MDL_NAME, PORTRAIT, shot, signIn, test } from './support/fixtures';

async function createOfferByApi(counter: {
  api: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
}): Promise<string> {
  const { data } = (await (await counter.api('/v2/credentials/mobile/configurations')).json()) as {
    data: Array<{ id: string; type: string }>;
  };
  const mdl = data.find((c) => c.type === 'org.iso.18013.5.1.mDL')!;
  const response = await counter.api('/v1/openid/offers/pre-authorized', {
    method: 'POST',
    json: {
      credentials: [mdl.id],
      transactionCodeConfiguration: { inputMode: 'numeric' },
      claims: {
        family_name: 'Api',
        given_name: 'Created',
        birth_date: '1980-05-05',
        issue_date: '2026-01-01',
        expiry_date: '2031-01-01',
        document_number: 'X1',
        portrait: readFileSync(PORTRAIT).toString('base64'),
      },
    },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test('open offers lists unclaimed offers with time left, and cancels one', async ({ page, counter }) => {
  const id = await createOfferByApi(counter);
  await signIn(page, counter);
  await page.getByRole('button', { name: 'Open offers' }).click();
  await expect(page.getByRole('heading', { name: 'Open offers' })).toBeFocused();
  const row = page.locator(`tr[data-offer-id="${id}"]`);
  await expect(row).toContainText(MDL_NAME);
  await expect(row).toContainText('Waiting');
  await expect(row.locator('td.time-left')).toHaveText(/^[45]:\d\d$/);
  await expect(row.locator('td.reference')).toHaveText(id.replace(/-/g, '').slice(0, 4).toUpperCase());
  await shot(page, '13-open-offers');

  await row.getByRole('button', { name: 'Cancel' }).click();
  await row.getByRole('button', { name: 'Yes, cancel' }).click();
  await expect(row).toHaveCount(0);
  const after = (await (await counter.api(`/v1/openid/offers/pre-authorized/${id}`)).json()) as { status: string };
  expect(after.status).toBe('cancelled');
});

test("activity shows the engine's event log in plain words, with today's numbers, filterable", async ({ page, counter }) => {
  const id = await createOfferByApi(counter);
  expect((await counter.api(`/v1/openid/offers/pre-authorized/${id}`, { method: 'DELETE' })).status).toBe(204);
  await signIn(page, counter);
  await page.getByRole('button', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
  const reference = id.replace(/-/g, '').slice(0, 4).toUpperCase();
  const created = page.getByRole('row').filter({ hasText: 'Offer created' }).filter({ hasText: reference });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('Mobile driving licence');
  await expect(page.getByRole('row').filter({ hasText: 'Offer cancelled' }).filter({ hasText: reference })).toHaveCount(1);
  // Starts are left out: what the clerk wants is what ended.
  await expect(page.getByText('Creating an offer')).toHaveCount(0);
  expect(Number(await page.getByTestId('count-offers').textContent())).toBeGreaterThanOrEqual(1);
  expect(Number(await page.getByTestId('count-cancelled').textContent())).toBeGreaterThanOrEqual(1);
  await shot(page, '14-activity');

  await page.getByLabel('Event').selectOption({ label: 'Offer cancelled' });
  await expect(page.locator('tbody tr')).not.toHaveCount(0);
  await expect(page.locator('tbody tr').filter({ hasNotText: 'Offer cancelled' })).toHaveCount(0);
  await page.getByLabel('Event').selectOption({ label: 'All events' });
  await page.getByText('All days').click();
  await expect(page.getByRole('row').filter({ hasText: reference })).toHaveCount(2);
});

test('settings shows the public URL and expiry, and downloads the IACA certificate', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('credential-issuer')).toHaveText(counter.url);
  await expect(page.getByText('5:00 (at most 10:00)')).toBeVisible();
  await shot(page, '15-settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Download IACA certificate/ }).click(),
  ]);
  const pem = readFileSync((await download.path())!, 'utf8');
  const { iacas } = (await (await fetch(`${counter.url}/v1/mdoc/iacas`)).json()) as { iacas: Array<{ certificatePem: string }> };
  expect(pem).toBe(iacas[0]!.certificatePem);
  expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
});

test('a revoked token sends the clerk back to sign in with a clear message', async ({ page, counter }) => {
  const created = (await (
    await counter.api('/v1/counter/api-tokens', { method: 'POST', json: { name: 'e2e clerk', role: 'issuer' } })
  ).json()) as { id: string; token: string };
  await signIn(page, counter, created.token);
  expect((await counter.api(`/v1/counter/api-tokens/${created.id}`, { method: 'DELETE' })).status).toBe(204);
  await page.getByRole('button', { name: 'Open offers' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Counter' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('refused (HTTP 401)');
  await shot(page, '16-signed-out-401');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('an issuer token may issue but is told plainly that the event log needs admin', async ({ page, counter }) => {
  const created = (await (
    await counter.api('/v1/counter/api-tokens', { method: 'POST', json: { name: 'e2e issuer', role: 'issuer' } })
  ).json()) as { token: string };
  await signIn(page, counter, created.token);
  await page.getByRole('button', { name: 'Activity' }).click();
  await expect(page.getByRole('alert')).toContainText("this API token's role does not allow it");
});

test('keyboard only: a clerk signs in, moves between screens, visible focus', async ({ page, counter }) => {
  await createClerk(counter, 'Keyboard Kiri', '13579');
  await page.goto(counter.url);
  await expect(page.getByRole('heading', { name: 'Sign in to Counter' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Keyboard Kiri');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('PIN')).toBeFocused();
  await page.keyboard.type('13579');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New offer' })).toBeFocused();

  // Tab from the top reaches the session bar, then the navigation; Enter opens a screen.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
  const ring = await page.getByRole('button', { name: 'Settings' }).evaluate((el) => getComputedStyle(el).outlineWidth);
  expect(parseFloat(ring)).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeFocused();

  // Every button and input is at least 44 px high (WCAG 2.5.5 target size).
  await page.getByRole('button', { name: 'Counter', exact: true }).press('Enter');
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  // Checkboxes count by their label, which is the target (WCAG 2.5.8 counts the whole control).
  const heights = await page
    .locator('button, input:not([type=radio]):not([type=checkbox]), select, textarea, label.check')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
});
