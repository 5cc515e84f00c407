import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { SCREENSHOTS } from './fixtures';

/** The three screens a counter runs on (DESIGN §14): a desktop, a small kiosk, a tablet on a stand. */
export const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'kiosk', width: 1024, height: 600 },
  { name: 'tablet', width: 800, height: 1280 },
] as const;

/** No serious or critical axe-core violation on what is on screen now (WCAG 2.2 A/AA rules). */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${where}`,
  ).toEqual([]);
}

/** A screenshot of the viewport, as the person at the counter sees it. */
export async function shotAt(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size?.width}x${size?.height}.png`) });
}

/** Whether the element lies wholly inside the viewport (without scrolling). */
export async function expectInViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  const inside = box!.x >= 0 && box!.y >= 0 && box!.x + box!.width <= size.width + 0.5 && box!.y + box!.height <= size.height + 0.5;
  expect(inside, `${what} inside ${size.width}x${size.height}: ${JSON.stringify(box)}`).toBe(true);
}

/**
 * Counts what the clerk does: each click, each key press (a typed text counts a key per character).
 * A scanner's typing is not the clerk's and goes through `scanner`.
 */
export class ClerkHands {
  actions = 0;
  constructor(private readonly page: Page) {}

  async click(locator: Locator): Promise<void> {
    this.actions += 1;
    await locator.click();
  }

  async type(text: string): Promise<void> {
    this.actions += text.length;
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    this.actions += 1;
    await this.page.keyboard.press(key);
  }

  /** A keyboard-wedge scanner: types into whatever has the focus, as fast as a real one. */
  async scanner(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 2 });
  }
}

/** Starts the page with these kiosk preferences (what Settings would have stored on this machine). */
export async function withPreferences(page: Page, preferences: Record<string, unknown>): Promise<void> {
  await page.addInitScript((value) => {
    window.localStorage.setItem('counter.preferences', JSON.stringify(value));
  }, preferences);
}
