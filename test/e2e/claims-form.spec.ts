import { expectAccessible } from './support/clerk';
import { expect, fillMdl, MDL_NAME, shot, signIn, test } from './support/fixtures';

// DESIGN §14: defaults shown filled in, values worked out from others, widgets from the
// configuration's claim metadata, and the engine's own cross-field checks inline.

const ddmmyyyy = (d: Date) => `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
// "Today" is the browser's (Pacific/Auckland in playwright.config.ts), not this process's.
let today = new Date();
const inYears = (years: number) => new Date(today.getFullYear() + years, today.getMonth(), today.getDate());
test.beforeEach(async ({ page }) => {
  const [y, m, d] = await page.evaluate(() => {
    const now = new Date();
    return [now.getFullYear(), now.getMonth(), now.getDate()];
  });
  today = new Date(y!, m!, d!);
});

test('a new mDL form starts from the defaults: issue date today, expiry from the configuration, the defaults filled in', async ({
  page,
  counter,
}) => {
  await signIn(page, counter);
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  await expect(page.getByLabel('Issue date')).toHaveValue(ddmmyyyy(today));
  await expect(page.getByLabel('Expiry date')).toHaveValue(ddmmyyyy(inYears(5)));
  await expect(page.getByLabel('Issuing country')).toHaveValue('NZ');
  await expect(page.getByRole('option', { name: 'New Zealand (NZ)', selected: true })).toBeAttached();
  await expect(page.getByLabel('Issuing authority')).toHaveValue('Counter Licensing Office');
  await expect(page.getByRole('checkbox', { name: 'B – Cars' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'A – Motorcycles' })).not.toBeChecked();
  await expect(page.locator('#form-summary')).toHaveText('Fill in 5 more required fields');

  // The expiry follows the issue date until the clerk types one.
  await page.getByLabel('Issue date').fill('15/01/2026');
  await expect(page.getByLabel('Expiry date')).toHaveValue('15/01/2031');
  await expect(page.getByText('Thursday, 15 January 2026')).toBeVisible();
  await page.getByLabel('Expiry date').fill('01/06/2029');
  await page.getByLabel('Issue date').fill('16/01/2026');
  await expect(page.getByLabel('Expiry date')).toHaveValue('01/06/2029');
  await expectAccessible(page, 'the counter form');
});

test('age over 18 is worked out from the birth date, and the widgets come from the claim metadata', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  const age = page.getByLabel('Age over 18');
  await expect(age).toHaveText('—');
  await page.getByLabel('Birth date').fill('31/01/1990');
  await expect(age).toHaveText('Yes');
  const seventeen = new Date(today.getFullYear() - 17, today.getMonth(), today.getDate());
  await page.getByLabel('Birth date').fill(ddmmyyyy(seventeen));
  await expect(age).toHaveText('No');

  // ISO 5218 sex is a select of the configured values; privileges are category checkboxes with dates.
  await page.getByLabel('Sex').selectOption({ label: 'Female' });
  await expect(page.getByLabel('Sex')).toHaveValue('2');
  await page.getByRole('checkbox', { name: 'A – Motorcycles' }).check();
  await expect(page.getByRole('group', { name: 'Dates of category A' })).toBeVisible();
  await page.getByLabel('Issued A').fill('02/01/2020');
  await page.getByLabel('Issuing country').selectOption('AU');
  await shot(page, '11-counter-widgets');

  // The PID derives its age in years and birth year too.
  await page.getByRole('radio', { name: /EU person identification/ }).check();
  await page.getByLabel('Birth date').fill('31/01/1990');
  const expectedAge = today.getFullYear() - 1990 - (today.getMonth() === 0 && today.getDate() < 31 ? 1 : 0);
  await expect(page.getByLabel('Age in years')).toHaveText(String(expectedAge));
  await expect(page.getByLabel('Year of birth')).toHaveText('1990');
  await expect(page.getByLabel('Nationality')).toHaveValue('');
  await shot(page, '12-counter-pid');
});

test('the form checks what the engine checks, inline, and will not submit until valid', async ({ page, counter }) => {
  let offersPosted = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/v1/openid/offers/pre-authorized')) offersPosted++;
  });
  await signIn(page, counter);
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  const create = page.getByRole('button', { name: 'Create offer' });
  await expect(create).toHaveAttribute('aria-disabled', 'true');

  // Errors appear as fields are left, not before.
  const family = page.getByLabel('Family name');
  await expect(family).not.toHaveAttribute('aria-invalid');
  await family.fill('   ');
  await family.blur();
  await expect(family).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Required').first()).toBeVisible();

  // A date that is not one, an expiry before the issue date, a birth date in the future.
  await page.getByLabel('Birth date').fill('31/02/1990');
  await page.getByLabel('Birth date').blur();
  await expect(page.getByText('Enter a date as DD/MM/YYYY')).toBeVisible();
  await page.getByLabel('Birth date').fill(ddmmyyyy(inYears(1)));
  await page.getByLabel('Expiry date').fill('01/01/2020');
  await page.getByLabel('Expiry date').blur();

  // Not an image.
  await page
    .getByLabel('Portrait')
    .setInputFiles({ name: 'portrait.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a0000', 'binary') });
  await expect(page.getByText('Choose a JPEG or PNG photo')).toBeVisible();

  // The button is aria-disabled, not inert: pressing it (here from the keyboard) shows every
  // problem and moves focus to the first one, without sending anything.
  await create.focus();
  await page.keyboard.press('Enter');
  await expect(family).toBeFocused();
  await fillMdl(page);
  await page.getByLabel('Birth date').fill(ddmmyyyy(inYears(1)));
  await page.getByLabel('Expiry date').fill('01/01/2020');
  await page.getByLabel('Expiry date').blur();
  await expect(page.getByText('Must not be in the future')).toBeVisible();
  await expect(page.getByText('Must be after Issue date')).toBeVisible();
  await create.press('Enter');
  await expect(page.getByLabel('Birth date')).toBeFocused();
  expect(offersPosted).toBe(0);
  await expectAccessible(page, 'the counter form with errors');

  // Mending everything enables it.
  await page.getByLabel('Birth date').fill('31/01/1990');
  await page.getByLabel('Expiry date').fill(ddmmyyyy(inYears(5)));
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(create).toHaveAttribute('aria-disabled', 'false');
  await expect(page.locator('#form-summary')).toBeEmpty();
});

test('switching the credential type starts from a fresh form, and the last type is preselected next time', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  await page.getByLabel('Family name').fill('Someone');
  await page.getByRole('radio', { name: /EU person identification/ }).check();
  await expect(page.getByLabel('Family name')).toHaveValue('');
  await page.reload();
  await expect(page.getByRole('radio', { name: /EU person identification/ })).toBeChecked();
});
