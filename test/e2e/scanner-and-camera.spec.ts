import { PNG } from 'pngjs';
import { verifyIssuerSigned } from '../support/mdoc-verifier';
import { jpegSize } from '../support/jpeg-size';
import { receiveCredential } from '../support/wallet';
import { AAMVA_LICENCE, MRZ_PASSPORT, MRZ_PASSPORT_BAD_CHECK_DIGIT } from '../fixtures/documents';
import { ClerkHands, expectAccessible, shotAt } from './support/clerk';
import { expect, MDL_NAME, readQr, signIn, status, test, transactionCode } from './support/fixtures';

// DESIGN §14: prefill from a keyboard-wedge document scanner, the portrait from the counter's camera
// (Chromium's fake video device: --use-fake-device-for-media-stream, see playwright.config.ts).

const trusted = async (url: string) =>
  ((await (await fetch(`${url}/v1/mdoc/iacas`)).json()) as { iacas: Array<{ certificatePem: string }> }).iacas.map((i) => i.certificatePem);

test('a normal mDL from a scanned licence and a camera photo: at most 10 keystrokes or clicks', async ({ page, counter }) => {
  await signIn(page, counter);
  const clerk = new ClerkHands(page);
  const mdl = page.getByRole('radio', { name: new RegExp(MDL_NAME) });
  if (!(await mdl.isChecked())) await clerk.click(mdl); // preselected once the kiosk has used it

  await clerk.click(page.getByLabel('Scan document'));
  await clerk.scanner(AAMVA_LICENCE);
  await expect(page.getByRole('status').filter({ hasText: 'from the licence barcode' })).toHaveText(
    'Filled in 7 fields from the licence barcode. Check them against the document.',
  );
  await expect(page.getByLabel('Family name')).toHaveValue('TUHOE-SMITH');
  await expect(page.getByLabel('Given name')).toHaveValue('AROHA MERE');
  await expect(page.getByLabel('Birth date')).toHaveValue('31/01/1990');
  await expect(page.getByLabel('Issue date')).toHaveValue('24/08/2025');
  await expect(page.getByLabel('Expiry date')).toHaveValue('31/01/2030');
  await expect(page.getByLabel('Document number')).toHaveValue('D1234562');
  await expect(page.getByLabel('Sex')).toHaveValue('2');
  await expect(page.getByLabel('Age over 18')).toHaveText('Yes');
  await expect(page.getByLabel('Scan document')).toHaveValue('');

  await clerk.click(page.getByRole('button', { name: 'Take photo with camera' }));
  const take = page.getByRole('button', { name: 'Take photo' });
  await expect(take).toBeFocused(); // the camera is ready: focus on the one thing to do
  await expect(page.getByRole('group', { name: 'Camera preview' })).toBeVisible();
  await shotAt(page, '30-counter-camera');
  await expectAccessible(page, 'the camera preview');
  await clerk.press('Enter');
  await expect(page.getByAltText('Chosen portrait')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retake photo' })).toBeFocused();
  await expect(page.getByText(/^Photo from the camera · \d+ KB/)).toBeVisible();
  await shotAt(page, '31-counter-scanned');

  await clerk.click(page.getByRole('button', { name: 'Create offer' }));
  const qr = page.getByRole('img', { name: 'QR code of the credential offer' });
  await expect(status(page)).toHaveAttribute('data-phase', 'waiting');
  console.log(`scanned licence + camera photo → offer: ${clerk.actions} keystrokes or clicks`);
  expect(clerk.actions).toBeLessThanOrEqual(10);

  // What the wallet gets is what was scanned and photographed.
  const wallet = await receiveCredential(await readQr(qr), { txCode: await transactionCode(page) });
  const verified = await verifyIssuerSigned(wallet.issuerSigned, {
    trustedIacaPems: await trusted(counter.url),
    docType: 'org.iso.18013.5.1.mDL',
  });
  const claims = verified.claims['org.iso.18013.5.1']!;
  expect(claims).toMatchObject({
    family_name: 'TUHOE-SMITH',
    given_name: 'AROHA MERE',
    birth_date: '1990-01-31',
    issue_date: '2025-08-24',
    expiry_date: '2030-01-31',
    document_number: 'D1234562',
    sex: 2,
    age_over_18: true,
    driving_privileges: [{ vehicle_category_code: 'B' }],
  });
  // Cropped to the configuration's portrait shape and size (resources/configurations/mdl.json: 420x540, JPEG).
  expect(jpegSize(claims.portrait as Uint8Array)).toEqual({ width: 420, height: 540 });
});

test('a passport MRZ fills a PID; a mistyped check digit is refused with a clear message', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('radio', { name: /EU person identification/ }).check();
  const scan = page.getByLabel('Scan document');
  await scan.click();
  await page.keyboard.type(MRZ_PASSPORT_BAD_CHECK_DIGIT, { delay: 2 });
  await expect(page.getByRole('alert')).toHaveText(
    'The MRZ did not pass its check digits (document number, overall check digit): it was misread. Scan it again, or type the details.',
  );
  await expect(page.getByLabel('Family name')).toHaveValue('');
  await shotAt(page, '32-counter-mrz-refused');

  await page.keyboard.type(MRZ_PASSPORT, { delay: 2 });
  await expect(page.getByRole('status').filter({ hasText: 'machine readable zone' })).toContainText('Filled in 4 fields');
  await expect(page.getByLabel('Family name')).toHaveValue('TUHOE SMITH');
  await expect(page.getByLabel('Given name')).toHaveValue('AROHA');
  await expect(page.getByLabel('Birth date')).toHaveValue('31/01/1990');
  await expect(page.getByLabel('Nationality')).toHaveValue('NZ');
  await expect(page.getByLabel('Year of birth')).toHaveText('1990');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.keyboard.type('hello, not a document', { delay: 2 });
  await expect(page.getByRole('alert')).toContainText('This is not a licence barcode or a passport/ID card MRZ');
});

test('a PNG file still works: it is cut to the portrait shape and sent as JPEG', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('radio', { name: new RegExp(MDL_NAME) }).check();
  const png = new PNG({ width: 900, height: 900 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([(i / 4) % 256, 120, 200, 255], i);
  await page.getByLabel('Portrait').setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: PNG.sync.write(png) });
  const preview = page.getByAltText('Chosen portrait');
  await expect(preview).toBeVisible();
  const src = (await preview.getAttribute('src'))!;
  expect(src).toMatch(/^data:image\/jpeg;base64,/);
  expect(jpegSize(Buffer.from(src.split(',')[1]!, 'base64'))).toEqual({ width: 420, height: 540 });
  await expect(page.getByText(/^face\.jpg · \d+ KB/)).toBeVisible();
});
