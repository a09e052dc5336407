// End-to-end flows against the real server and demo data, in the system Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, screenshot, signIn } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('coordinator', () => {
  test('signs in and sees the week grid with open shifts', async () => {
    const { context, page } = await signIn(browser, server.url, 'coordinator@harbourview.example');
    try {
      await page.waitForURL('**/schedule**');
      await page.getByRole('region', { name: 'Week grid' }).waitFor();
      await page.getByText('Open shifts', { exact: true }).waitFor();
      const open = page.getByRole('button', { name: /^Open shift / });
      assert.ok((await open.count()) > 0, 'the demo week has open shifts');
      await screenshot(page, 'coordinator-week-grid');
    } finally {
      await context.close();
    }
  });
});
