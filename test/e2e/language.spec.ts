import { expectAccessible, shotAt } from './support/clerk';
import { expect, PORTRAIT, signIn, test } from './support/fixtures';

// DESIGN §14: English plus German throughout the counter UI; dates in the office's format, set in Settings.

test('the clerk switches the kiosk to German and the office date format, and it stays so', async ({ page, counter }) => {
  await signIn(page, counter);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption({ label: 'Deutsch (German)' });
  await expect(page.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByLabel('Datumsformat').selectOption({ label: '31.01.2026' });
  await shotAt(page, '40-settings-de');
  await expectAccessible(page, 'Einstellungen');

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Ansichten' })).toBeVisible();
  await page.getByRole('button', { name: 'Schalter' }).click();
  await expect(page.getByRole('heading', { name: 'Neues Angebot' })).toBeVisible();
  await page.getByRole('radio', { name: /Mobile driving licence/ }).check();
  await expect(page.getByLabel('Familienname')).toBeVisible();
  await expect(page.getByLabel('Geburtsdatum')).toHaveAttribute('placeholder', 'TT.MM.JJJJ');
  await expect(page.getByRole('option', { name: 'Neuseeland (NZ)', selected: true })).toBeAttached();
  await expect(page.getByRole('checkbox', { name: 'B – Pkw' })).toBeChecked();
  await page.getByLabel('Familienname').fill('Müller');
  await page.getByLabel('Vornamen').fill('Erika');
  await page.getByLabel('Geburtsdatum').fill('31.01.1990');
  await expect(page.getByText('Mittwoch, 31. Januar 1990')).toBeVisible();
  await expect(page.getByLabel('Über 18')).toHaveText('Ja');
  await page.getByLabel('Dokumentnummer').fill('D-1');
  await page.getByLabel('Lichtbild').setInputFiles(PORTRAIT);
  await page.getByLabel('Geschlecht').selectOption({ label: 'Weiblich' });
  await shotAt(page, '41-counter-de');
  await expectAccessible(page, 'Schalter');

  await page.getByRole('button', { name: 'Angebot erstellen' }).click();
  await expect(page.getByRole('heading', { name: 'Transaktionscode' })).toBeVisible();
  await expect(page.getByTestId('offer-status')).toContainText('Warten auf die Wallet');
  await expect(page.getByTestId('countdown')).toHaveAttribute('aria-label', /Minuten|Minute/);
  await page.getByRole('button', { name: 'Angebot abbrechen' }).click();
  await page.getByRole('button', { name: 'Ja, Angebot abbrechen' }).click();
  await expect(page.getByRole('button', { name: 'Neuer Code, gleiche Angaben' })).toBeFocused();
  await shotAt(page, '42-offer-cancelled-de');
  await expectAccessible(page, 'Angebot abgebrochen');

  await page.getByRole('button', { name: 'Fertig' }).click();
  await page.getByRole('button', { name: 'Aktivität' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Angebot abgebrochen' }).first();
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').first()).toHaveText(/^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/);
  await shotAt(page, '43-activity-de');
});
