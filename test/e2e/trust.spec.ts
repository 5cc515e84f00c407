import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthorityIaca, signDocumentSignerCsr } from '../support/authority';
import { removeDataDir, startCounter } from '../integration/support/counter-server';
import { expect, shot, signIn, test } from './support/fixtures';

// DESIGN §10, Settings → Trust: the CSR flow as a clerk-admin does it with an issuing authority whose
// IACA is made outside Counter (test/support/authority.ts): register the IACA, create a Document
// Signer, download its CSR, upload a certificate that breaks Annex B (the broken rules in plain
// words), then the right one (active), and switch signing over to the authority's IACA.
test('the Trust section takes an authority through the CSR flow to signing', async ({ page }) => {
  const counter = await startCounter(); // its own kiosk: this test changes which IACA signs
  const files = mkdtempSync(join(tmpdir(), 'counter-e2e-trust-'));
  try {
    const authority = await createAuthorityIaca({ country: 'NZ', commonName: 'Licensing Office Test IACA' });
    writeFileSync(join(files, 'authority-iaca.pem'), authority.pem);

    await signIn(page, counter);
    await page.getByRole('button', { name: 'Settings' }).click();
    const trust = page.locator('section.trust');
    await expect(trust.getByRole('heading', { name: 'Trust' })).toBeVisible();
    await expect(trust.getByTestId('signing-now')).toContainText('Counter IACA');
    await shot(page, 'trust-1-managed');

    // 1. The authority's IACA.
    await trust.getByLabel('Authority’s IACA certificate (PEM)').setInputFiles(join(files, 'authority-iaca.pem'));
    await trust.getByRole('button', { name: 'Register IACA' }).click();
    const authorityRow = trust.locator('tr[data-iaca-id]', { hasText: 'Licensing Office Test IACA' });
    await expect(authorityRow).toContainText('The issuing authority');
    await expect(authorityRow).toContainText('Off');

    // 2. A Document Signer under it, and its CSR.
    await trust.getByLabel('New Document Signer under').selectOption({ label: 'Licensing Office Test IACA' });
    await trust.getByRole('button', { name: 'Create Document Signer' }).click();
    const pending = trust.locator('tr[data-signer-id]', { hasText: 'Waiting for the authority’s certificate' });
    await expect(pending).toBeVisible();
    await expect(pending).toContainText('Licensing Office Test IACA');
    await shot(page, 'trust-2-csr-waiting');
    const download = page.waitForEvent('download');
    await pending.getByRole('button', { name: 'Download CSR' }).click();
    const csr = await download;
    expect(csr.suggestedFilename()).toMatch(/^counter-document-signer-[0-9a-f-]{36}\.csr\.pem$/);
    const csrPem = readFileSync((await csr.path())!, 'utf8');
    expect(csrPem).toContain('-----BEGIN CERTIFICATE REQUEST-----');

    // 3. The authority signs it wrongly: 600 days and no extKeyUsage. The broken rules, in plain words.
    writeFileSync(join(files, 'wrong.pem'), await signDocumentSignerCsr(authority, csrPem, { validityDays: 600, extendedKeyUsage: null }));
    await pending.getByLabel('Signed certificate (PEM)').setInputFiles(join(files, 'wrong.pem'));
    await pending.getByRole('button', { name: 'Install certificate' }).click();
    const refusal = pending.getByRole('alert');
    await expect(refusal).toContainText('Refused: The certificate does not fit this Document Signer');
    await expect(refusal).toContainText(
      'Purpose (extended key usage) (extKeyUsage, Annex B.1.4): extKeyUsage must be critical and hold 1.0.18013.5.1.2',
    );
    await expect(refusal).toContainText(
      'Validity period (validity, Annex B.1.4): a Document Signer may be valid for at most 457 days (this certificate: 600 days)',
    );
    await shot(page, 'trust-3-refused');

    // 4. Signed right: installed and active.
    writeFileSync(join(files, 'right.pem'), await signDocumentSignerCsr(authority, csrPem));
    await pending.getByLabel('Signed certificate (PEM)').setInputFiles(join(files, 'right.pem'));
    await pending.getByRole('button', { name: 'Install certificate' }).click();
    const installed = trust.locator('tr[data-signer-id]', { hasText: 'Licensing Office Test IACA' });
    await expect(installed.getByTestId('signer-status')).toHaveText('Active');
    await shot(page, 'trust-4-installed');

    // 5. Signing moves to the authority's IACA; the kiosk's own is switched off.
    await authorityRow.getByRole('button', { name: 'Switch on' }).click();
    await expect(authorityRow).toContainText('Active');
    await trust.locator('tr[data-iaca-id]', { hasText: 'Counter IACA' }).getByRole('button', { name: 'Switch off' }).click();
    await expect(installed.getByTestId('signer-status')).toHaveText('Signing new credentials');
    await expect(trust.getByTestId('signing-now')).toContainText('Licensing Office Test IACA');
    await shot(page, 'trust-5-authority-signing');
    const { iacas } = (await (await fetch(`${counter.url}/v1/mdoc/iacas`)).json()) as { iacas: { certificatePem: string }[] };
    expect(iacas.map((i) => i.certificatePem.replace(/\s+/g, ''))).toEqual([authority.pem.replace(/\s+/g, '')]);

    // 6. The same screen in German, a refused certificate included.
    await page.getByLabel('Language').selectOption({ label: 'Deutsch (German)' });
    await expect(trust.getByRole('heading', { name: 'Vertrauen' })).toBeVisible();
    await expect(installed.getByTestId('signer-status')).toHaveText('Signiert neue Nachweise');
    await expect(authorityRow).toContainText('Der ausstellenden Behörde');
    await expect(trust.getByTestId('signing-now')).toContainText('Schlüssel in einer Schlüsseldatei auf diesem Kiosk');
    await trust.getByLabel('Neuer Document Signer unter').selectOption({ label: 'Licensing Office Test IACA' });
    await trust.getByRole('button', { name: 'Document Signer anlegen' }).click();
    const pendingDe = trust.locator('tr[data-signer-id]', { hasText: 'Wartet auf das Zertifikat der Behörde' });
    await expect(pendingDe).toBeVisible();
    const signerId = (await pendingDe.getAttribute('data-signer-id'))!;
    const signer = (await (await counter.api(`/v2/credentials/mobile/document-signers/${signerId}`)).json()) as { csrPem: string };
    writeFileSync(join(files, 'wrong-de.pem'), await signDocumentSignerCsr(authority, signer.csrPem, { validityDays: 600 }));
    await pendingDe.getByLabel('Signiertes Zertifikat (PEM)').setInputFiles(join(files, 'wrong-de.pem'));
    await pendingDe.getByRole('button', { name: 'Zertifikat installieren' }).click();
    await expect(pendingDe.getByRole('alert')).toContainText('Abgelehnt: ');
    await expect(pendingDe.getByRole('alert')).toContainText('Gültigkeitszeitraum (validity, Anhang B.1.4)');
    await shot(page, 'trust-6-refused-de');
  } finally {
    rmSync(files, { recursive: true, force: true });
    await counter.stop();
    removeDataDir(counter.dataDir);
  }
});
