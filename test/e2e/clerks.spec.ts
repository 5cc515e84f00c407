import { expectAccessible, shotAt, withPreferences } from './support/clerk';
import { createClerk, expect, fillMdl, holder, signIn, signInAsClerk, status, test } from './support/fixtures';

// DESIGN §14: clerks sign in as themselves (name + PIN, issuer role, idle lock), and Activity says
// who did what; the API token sign-in stays for IT.

test('an admin adds a clerk in Settings; the clerk signs in with name and PIN, and Activity names them', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('button', { name: 'Settings' }).click();
  const clerks = page.getByRole('region', { name: 'Clerks' });
  await clerks.getByLabel('Name').fill('Mere Tāwhiri');
  await clerks.getByLabel('PIN', { exact: true }).fill('482913');
  await clerks.getByRole('button', { name: 'Add clerk' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Mere Tāwhiri can now sign in.' })).toBeVisible();
  await expect(clerks.getByRole('row', { name: /Mere Tāwhiri/ })).toContainText('Can sign in');
  await shotAt(page, '50-settings-clerks');
  await expectAccessible(page, 'Settings with clerks');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page.getByRole('heading', { name: 'Sign in to Counter' })).toBeVisible();
  await page.getByLabel('Name').fill('mere tāwhiri');
  await page.getByLabel('PIN').fill('111111');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That name and PIN do not match. Try again.');
  await expect(page.getByLabel('PIN')).toHaveValue('');
  await shotAt(page, '51-sign-in-clerk-refused');
  await expectAccessible(page, 'clerk sign-in');
  await page.getByLabel('PIN').fill('482913');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Mere Tāwhiri');

  // The clerk issues; a clerk may not manage clerks (admin only), so the section is not shown.
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  await expect(status(page)).toHaveAttribute('data-phase', 'waiting');
  await page.getByRole('button', { name: 'Cancel offer' }).click();
  await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'Clerks' })).toHaveCount(0);

  // IT looks at the day: who created and cancelled.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: /Not Mere Tāwhiri/ }).click();
  await page.getByRole('button', { name: 'Sign in with an API token (IT)' }).click();
  await page.getByLabel('API token').fill(counter.adminToken);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Activity' }).click();
  for (const what of ['Clerk signed in', 'Offer created', 'Offer cancelled']) {
    await expect(page.getByRole('row').filter({ hasText: what }).first().getByRole('cell').nth(2)).toHaveText('Mere Tāwhiri');
  }
  await shotAt(page, '52-activity-clerks');
});

test('Lock, and the idle lock, end the session and clear the screen; the same clerk comes back with the PIN', async ({ page, counter }) => {
  await createClerk(counter, 'Hemi', '2468');
  await withPreferences(page, { lockSeconds: 2 });
  await signInAsClerk(page, counter, 'Hemi', '2468');
  const token = await page.evaluate(() => sessionStorage.getItem('counter.apiToken'));
  await page.getByLabel('Family name').fill(holder.family_name);
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Counter' })).toBeVisible();
  await expect(page.getByText('Locked. Hemi, enter your PIN to carry on.')).toBeVisible();
  await expect(page.getByLabel('PIN')).toBeFocused();
  await expect(page.locator('body')).not.toContainText(holder.family_name);
  // The engine ended the session: the old token is worth nothing.
  expect((await counter.api('/v1/counter/session', { token })).status).toBe(401);
  await shotAt(page, '53-locked');
  await expectAccessible(page, 'locked');

  await page.keyboard.type('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-as')).toHaveText('Hemi');
  // Left alone (no offer running), the screen locks itself.
  await expect(page.getByText('Locked after a while without use.')).toBeVisible({ timeout: 6_000 });
});

test('five wrong PINs lock the clerk; an admin sets a new PIN', async ({ page, counter }) => {
  const tama = await createClerk(counter, 'Tama', '5555');
  await page.goto(counter.url);
  await page.getByLabel('Name').fill('Tama');
  for (let i = 0; i < 4; i++) {
    await page.getByLabel('PIN').fill(`000${i}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('That name and PIN do not match. Try again.');
  }
  await page.getByLabel('PIN').fill('0004');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Tama is now locked after 5 wrong PINs');
  await page.getByLabel('PIN').fill('5555');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Tama is locked');
  expect((await counter.api(`/v1/counter/clerks/${tama.id}/pin`, { method: 'PUT', json: { pin: '7777' } })).status).toBe(200);
  await page.getByLabel('PIN').fill('7777');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Tama');
});

test('+5 min gives an open offer five more minutes, up to its maximum', async ({ page, counter }) => {
  await signIn(page, counter);
  await fillMdl(page);
  await page.getByRole('button', { name: 'Create offer' }).click();
  const countdown = page.getByTestId('countdown');
  await expect(countdown).toHaveText(/^[45]:\d\d$/);
  await page.getByRole('button', { name: '+5 min' }).click();
  await expect(countdown).toHaveText(/^(9|10):\d\d$/);
  await expect(page.getByRole('button', { name: '+5 min' })).toBeDisabled();
  await expect(page.getByText('An offer lasts at most 10 minutes.')).toBeVisible();
  const id = await page.getByTestId('offer-reference').textContent();
  expect(id).toMatch(/^Ref\. [0-9A-F]{4}$/);
  await shotAt(page, '54-offer-extended');
});
