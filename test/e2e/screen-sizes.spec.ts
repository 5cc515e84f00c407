import { expectAccessible, expectInViewport, shotAt, VIEWPORTS } from './support/clerk';
import { expect, fillMdl, readQr, signIn, status, test } from './support/fixtures';

// DESIGN §14: every screen on a 1366x900 desktop, a 1024x600 kiosk and an 800x1280 tablet: the
// QR as large as the screen allows with *Cancel* in view, a sticky *Create offer*, the scroll reset,
// no serious or critical axe-core violation, and a screenshot of each in test-results/screenshots/.

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('counter and offer fit the screen', async ({ page, counter }) => {
      await page.goto(counter.url);
      await expect(page.getByRole('heading', { name: 'Sign in to Counter' })).toBeVisible();
      await shotAt(page, 'sign-in');
      await expectAccessible(page, 'sign in');

      await signIn(page, counter);
      await shotAt(page, 'counter');
      await expectAccessible(page, 'counter');
      // The Create offer bar is in view wherever the form is scrolled to.
      await expectInViewport(page, page.getByRole('button', { name: 'Create offer' }), 'Create offer (top)');
      await fillMdl(page);
      await page.getByLabel('Sex').scrollIntoViewIfNeeded();
      await expectInViewport(page, page.getByRole('button', { name: 'Create offer' }), 'Create offer (scrolled)');
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      await shotAt(page, 'counter-filled');

      await page.getByRole('button', { name: 'Create offer' }).click();
      const qr = page.getByRole('img', { name: 'QR code of the credential offer' });
      await expect(qr).toBeVisible();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await expectInViewport(page, qr, 'the QR code');
      await expectInViewport(page, page.getByRole('button', { name: 'Cancel offer' }), 'Cancel offer');
      await expectInViewport(page, page.getByTestId('transaction-code'), 'the transaction code');
      await expectInViewport(page, page.getByRole('button', { name: 'Requests' }), 'the navigation');
      // As large as the screen allows: at least half the shorter side, and still readable.
      const box = (await qr.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(Math.min(viewport.width, viewport.height) / 2);
      expect(await readQr(qr)).toMatch(/^openid-credential-offer:\/\//);
      await shotAt(page, 'offer-waiting');
      await expectAccessible(page, 'offer');

      await page.getByRole('button', { name: 'Cancel offer' }).click();
      await expectInViewport(page, page.getByRole('button', { name: 'Yes, cancel offer' }), 'Yes, cancel offer');
      await shotAt(page, 'offer-cancel-confirm');
      await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
      await expect(status(page)).toHaveAttribute('data-phase', 'cancelled');
      await expectInViewport(page, page.getByRole('button', { name: 'New code, same details' }), 'New code, same details');
      await expectInViewport(page, page.getByRole('button', { name: 'Edit details' }), 'Edit details');
      await shotAt(page, 'offer-cancelled');
      await expectAccessible(page, 'cancelled offer');
    });

    test('the other screens', async ({ page, counter }) => {
      await signIn(page, counter);
      for (const [button, heading] of [
        ['Requests', 'Requests'],
        ['Open offers', 'Open offers'],
        ['Issued', 'Issued credentials'],
        ['Activity', 'Activity'],
        ['Settings', 'Settings'],
      ] as const) {
        await page.getByRole('button', { name: button, exact: true }).click();
        await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
        await expect(page.getByText('Loading…')).toHaveCount(0);
        await shotAt(page, button.toLowerCase().replace(' ', '-'));
        await expectAccessible(page, button);
      }
      await page.getByRole('button', { name: 'Create poster' }).click();
      await expect(page.getByRole('heading', { name: /^Get your/ })).toBeVisible();
      await shotAt(page, 'poster');
      await expectAccessible(page, 'poster');
    });
  });
}
