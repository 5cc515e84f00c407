import { defineConfig } from '@playwright/test';

// UI tests (DESIGN §7): Playwright's runner driving Debian Chromium (its own browser download
// cannot work here) against the real headless kiosk, one server per worker.
export const CHROMIUM = process.env.COUNTER_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  // The create → QR timing is a measurement, not a test: `npm run bench` runs it (BENCH_UI=1).
  testIgnore: process.env.COUNTER_MEASURE_UI === '1' ? [] : ['**/create-to-qr-timing.spec.ts'],
  // Screenshots of each screen go to test-results/screenshots (kept apart from Playwright's own output).
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/support/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 900 },
    locale: 'en-NZ',
    timezoneId: 'Pacific/Auckland',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // A camera for the portrait (DESIGN §14): Chromium's test pattern, allowed without a prompt.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
