// End-to-end flows against the real server and demo data, in the system Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, screenshot, signIn } from './browser.mjs';
import { clashingPair } from './grid.mjs';
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

async function withSession(email, viewport, flow) {
  const { context, page } = await signIn(browser, server.url, email, viewport);
  try {
    await flow(page);
  } finally {
    await context.close();
  }
}

describe('coordinator', () => {
  test('signs in and sees the week grid with open shifts', () =>
    withSession('coordinator@harbourview.example', undefined, async (page) => {
      await page.waitForURL('**/schedule**');
      await page.getByRole('region', { name: 'Week grid' }).waitFor();
      await page.getByText('Open shifts', { exact: true }).waitFor();
      const open = page.getByRole('button', { name: /^Open shift / });
      await open.first().waitFor();
      assert.ok((await open.count()) > 0, 'the demo week has open shifts');
      await screenshot(page, 'coordinator-week-grid');
    }));

  test('drags a double-booked person onto an open shift and reads why it was refused', () =>
    withSession('coordinator@harbourview.example', undefined, async (page) => {
      await page.waitForURL('**/schedule**');
      await page
        .getByRole('button', { name: /^Open shift / })
        .first()
        .waitFor();
      const pair = await clashingPair(page);
      assert.ok(pair, 'the demo week has an open shift overlapping a shown person’s shift');
      const person = page.locator(`[data-person-id="${pair.personId}"]`);
      const shift = page.locator(`[data-shift-id="${pair.shiftId}"]`).first();
      await person.dragTo(shift);
      const dialog = page.getByRole('dialog');
      await dialog.getByText(`${pair.name} was not assigned`).waitFor();
      const reasons = dialog.getByRole('list', { name: 'Rule violations' }).getByRole('listitem');
      await reasons.first().waitFor();
      const words = await reasons.allInnerTexts();
      assert.ok(
        words.every((w) => w.trim().length > 10),
        `reasons in words: ${words}`,
      );
      await screenshot(page, 'coordinator-rule-violation');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }));
});

describe('staff', () => {
  test('signs in on a phone and sees My schedule', () =>
    withSession('staff@harbourview.example', { width: 375, height: 812 }, async (page) => {
      await page.waitForURL('**/my-schedule');
      await page.getByRole('heading', { name: 'My schedule' }).waitFor();
      const shifts = page.getByRole('list', { name: 'Upcoming shifts' }).getByRole('listitem');
      await shifts.first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `no sideways scrolling at 375 px (page is ${width} px wide)`);
      await screenshot(page, 'staff-my-schedule');
    }));
});

describe('admin', () => {
  test('lists people and is told in words what a new person lacks', () =>
    withSession('admin@harbourview.example', undefined, async (page) => {
      await page.getByRole('tab', { name: 'People' }).click();
      await page.getByRole('table', { name: 'People' }).getByRole('row').nth(5).waitFor();
      await page.getByRole('button', { name: 'New person' }).click();
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByText('Enter the name colleagues know them by.').waitFor();
      await screenshot(page, 'admin-new-person');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('tab', { name: 'Audit trail' }).click();
      await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
      await page
        .getByText(/No changes match|Who/)
        .first()
        .waitFor();
    }));
});

describe('session', () => {
  test('an ended session returns to sign-in with a note, not a blank page', () =>
    withSession('admin@harbourview.example', undefined, async (page) => {
      // Let the grid finish loading, so the next request is the first to meet the ended session.
      await page
        .getByRole('button', { name: /^Open shift / })
        .first()
        .waitFor();
      await page.context().clearCookies();
      await page.getByRole('button', { name: 'Next week' }).click();
      await page.getByText('Your session has ended').waitFor();
      assert.match(page.url(), /\/sign-in\?expired=1/);
      await screenshot(page, 'session-expired');
    }));
});
