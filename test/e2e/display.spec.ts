import { expectAccessible, shotAt } from './support/clerk';
import { expect, fillMdl, holder, readQr, signIn, status, test, transactionCode } from './support/fixtures';

// DESIGN §14: a customer-facing /display page, paired to the clerk's session by a short code,
// follows the clerk's offer: the same QR and code, then the outcome, never the person's details.

test('the display page pairs by a short code and follows the clerk’s offer', async ({ page, browser, counter }) => {
  const customer = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-NZ' });
  const display = await customer.newPage();
  try {
    await display.goto(`${counter.url}/display`);
    const pairing = display.getByTestId('pairing-code');
    await expect(pairing).toHaveText(/^\d{3} \d{3}$/);
    await shotAt(display, '60-display-pairing');
    await expectAccessible(display, 'display (pairing)');

    await signIn(page, counter);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Code on the display').fill('000000');
    await page.getByRole('button', { name: 'Pair display' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'No display shows this code. Check it, or reload the display page for a new one.Dismiss',
    );
    await page.getByLabel('Code on the display').fill(((await pairing.textContent()) ?? '').replace(' ', ''));
    await page.getByRole('button', { name: 'Pair display' }).click();
    await expect(page.getByTestId('display-paired')).toBeVisible();
    await expect(display.getByText('Welcome. Your code will appear here.')).toBeVisible();

    await page.getByRole('button', { name: /^Counter/ }).click();
    await fillMdl(page);
    await page.getByRole('button', { name: 'Create offer' }).click();
    const clerkQr = await readQr(page.getByRole('img', { name: 'QR code of the credential offer' }));
    const code = await transactionCode(page);
    const displayQr = display.getByRole('img', { name: /^QR code of the .* offer$/ });
    await expect(displayQr).toBeVisible();
    expect(await readQr(displayQr)).toBe(clerkQr);
    await expect(display.getByTestId('display-code')).toHaveText(code);
    for (const value of Object.values(holder)) await expect(display.locator('body')).not.toContainText(value);
    await shotAt(display, '61-display-offer');
    await expectAccessible(display, 'display (offer)');

    // The clerk cancels: the display drops the QR and the code at once.
    await page.getByRole('button', { name: 'Cancel offer' }).click();
    await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
    await expect(status(page)).toHaveAttribute('data-phase', 'cancelled');
    await expect(displayQr).toHaveCount(0);
    await expect(display.getByText('This code no longer works.')).toBeVisible();
    await expect(display.getByTestId('display-code')).toHaveCount(0);

    // A new code with the same details shows on the display too; Done clears it.
    await page.getByRole('button', { name: 'New code, same details' }).click();
    await expect(displayQr).toBeVisible();
    expect(await readQr(displayQr)).not.toBe(clerkQr);
    await page.getByRole('button', { name: 'Cancel offer' }).click();
    await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(display.getByText('Welcome. Your code will appear here.')).toBeVisible();

    // The display's stream needs its own token: nobody else can watch the codes.
    const id = await display.evaluate(() => (JSON.parse(sessionStorage.getItem('counter.display') ?? '{}') as { id: string }).id);
    expect((await fetch(`${counter.url}/v1/counter/displays/${id}/events`)).status).toBe(401);
    expect(
      (await fetch(`${counter.url}/v1/counter/displays/${id}/events`, { headers: { authorization: `Bearer ${counter.adminToken}` } }))
        .status,
    ).toBe(401);
  } finally {
    await customer.close();
  }
});
