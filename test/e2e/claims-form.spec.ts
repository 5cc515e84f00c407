import { expect, fillMdl, MDL_NAME, shot, signIn, test } from './support/fixtures';

test("the form validates inline with the engine's schema and will not submit until valid", async ({ page, counter }) => {
  let offersPosted = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/v1/openid/offers/pre-authorized')) offersPosted++;
  });
  await signIn(page, counter);
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  const create = page.getByRole('button', { name: 'Create offer' });
  await expect(create).toBeDisabled();
  await expect(page.locator('#form-summary')).toHaveText('Fill in 7 more required fields');

  // Errors appear as fields are left, not before.
  const family = page.getByLabel('Family name');
  await expect(family).not.toHaveAttribute('aria-invalid');
  await family.fill('   ');
  await family.blur();
  await expect(family).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Required').first()).toBeVisible();

  // A number field that is not a number, a JSON field that is not JSON.
  await page.getByLabel('Sex').fill('female');
  await page.getByLabel('Sex').blur();
  await expect(page.getByText('Enter a number')).toBeVisible();
  await page.getByLabel('Driving privileges').fill('[{"vehicle_category_code": "B"');
  await page.getByLabel('Driving privileges').blur();
  await expect(page.getByText('Enter valid JSON (an array)')).toBeVisible();

  // Not a JPEG.
  await page
    .getByLabel('Portrait')
    .setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n0000', 'binary') });
  await expect(page.getByText('Choose a JPEG image')).toBeVisible();

  // The button is aria-disabled, not inert: pressing it (here from the keyboard) shows every
  // problem and moves focus to the first one, without sending anything.
  await create.focus();
  await page.keyboard.press('Enter');
  await expect(family).toBeFocused();
  await expect(page.locator('.field-error')).toHaveCount(9);
  await shot(page, '11-counter-validation');
  expect(offersPosted).toBe(0);

  // Mending everything enables it.
  await fillMdl(page);
  await page.getByLabel('Sex').fill('2');
  await page.getByLabel('Driving privileges').fill('[{"vehicle_category_code": "B"}]');
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(create).toBeEnabled();
  await expect(page.locator('#form-summary')).toBeEmpty();
});

test('switching the credential type starts from an empty form', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  await page.getByLabel('Family name').fill('Someone');
  await page.getByRole('radio', { name: /EU person identification/ }).check();
  await expect(page.getByLabel('Family name')).toHaveValue('');
  await shot(page, '12-counter-pid');
});
