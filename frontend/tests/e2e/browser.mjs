// Drive Debian's Chromium with playwright-core; no browser is downloaded.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch() {
  if (!existsSync(EXECUTABLE)) {
    throw new Error(
      `${EXECUTABLE} is missing: apt-get install -y chromium (make frontend-e2e does)`,
    );
  }
  mkdirSync(RESULTS, { recursive: true });
  return chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const PASSWORD = 'harbour-lights-2024';

/** A fresh context (own cookies) signed in as one demo account. */
export async function signIn(browser, baseURL, email, viewport = { width: 1400, height: 900 }) {
  const context = await browser.newContext({ baseURL, viewport });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page };
}

export function screenshot(page, name) {
  return page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: false });
}
