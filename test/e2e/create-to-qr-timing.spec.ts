import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, fillMdl, signIn, test } from './support/fixtures';
import { CREATE_TO_QR_MEASURE, installCreateToQrProbe } from './support/create-to-qr-probe';

// DESIGN §7: time from pressing *Create offer* to the QR being drawn, median of 20 in
// Chromium, target ≤ 150 ms. A probe inside the page measures it (performance.measure between the
// click and the frame after the QR is in the DOM), so Playwright's own latency is not counted.
const RUNS = 20;
const TARGET_MS = 150;

test(`create offer → QR drawn: median of ${RUNS}`, async ({ page, counter }) => {
  test.setTimeout(180_000);
  await page.addInitScript(installCreateToQrProbe);
  await signIn(page, counter);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i > 0) {
      await page.getByRole('button', { name: 'Cancel offer' }).click();
      await page.getByRole('button', { name: 'Yes, cancel offer' }).click();
      await page.getByRole('button', { name: 'Done' }).click();
    }
    await fillMdl(page);
    await page.getByRole('button', { name: 'Create offer' }).click();
    await expect(page.getByRole('img', { name: 'QR code of the credential offer' })).toBeVisible();
    const ms = await page
      .waitForFunction((name) => performance.getEntriesByName(name).at(-1)?.duration, CREATE_TO_QR_MEASURE)
      .then((h) => h.jsonValue());
    samples.push(ms as number);
    await page.evaluate((name) => performance.clearMeasures(name), CREATE_TO_QR_MEASURE);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const median = (sorted[RUNS / 2 - 1]! + sorted[RUNS / 2]!) / 2;
  const result = {
    runs: RUNS,
    medianMs: Math.round(median * 10) / 10,
    minMs: Math.round(sorted[0]! * 10) / 10,
    maxMs: Math.round(sorted.at(-1)! * 10) / 10,
    samplesMs: samples.map((s) => Math.round(s * 10) / 10),
  };
  console.log(`create → QR drawn: median ${result.medianMs} ms (min ${result.minMs}, max ${result.maxMs}) over ${RUNS} runs`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/create-to-qr.json', `${JSON.stringify(result, null, 2)}\n`);
  test.info().annotations.push({ type: 'create-to-qr median (ms)', description: String(result.medianMs) });
  expect(median).toBeLessThanOrEqual(TARGET_MS);
});
