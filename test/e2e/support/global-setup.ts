import { existsSync } from 'node:fs';
import { build } from 'vite';
import { CHROMIUM } from '../../../playwright.config';

/** Builds the counter UI once (the servers start with COUNTER_SKIP_UI_BUILD=1) and checks the browser. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set COUNTER_CHROMIUM.`);
  }
  await build({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
}
