// A staff member claims an open shift from My schedule, on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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

test('a staff member claims an open shift on a phone', async () => {
  const { context, page } = await signIn(browser, server.url, 'staff@harbourview.example', {
    width: 375,
    height: 812,
  });
  try {
    await page.waitForURL('**/my-schedule');
    const open = page.getByRole('list', { name: 'Open shifts' });
    await open.waitFor();
    const claims = open.getByRole('button', { name: /^Claim / });
    await claims.first().waitFor();
    let target = null;
    for (const button of await claims.all()) {
      if (await button.isEnabled()) {
        target = button;
        break;
      }
    }
    assert.ok(target, 'the demo data has an open shift the staff member may claim');
    const label = ((await target.getAttribute('aria-label')) ?? '').replace(/^Claim /, '');
    await target.click();
    await page.getByText(/^You now work /).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scrolling at 375 px (page is ${width} px wide)`);
    await page.getByText(/^You now work /).scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-claims-open-shift');
    assert.ok(label.length > 0);
  } finally {
    await context.close();
  }
});
