// End-to-end flows against the real server and demo data, in the system Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, PASSWORD, screenshot, signIn } from './browser.mjs';
import { clashingPair } from './grid.mjs';
import { addDays, freePerson } from './planning.mjs';
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

async function expectEnabled(locator) {
  for (let i = 0; i < 100 && !(await locator.isEnabled()); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(await locator.isEnabled(), 'the button becomes usable');
}

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

describe('planning', () => {
  test('creates a shift, assigns a free person to it and publishes the week', () =>
    withSession('coordinator@harbourview.example', undefined, async (page) => {
      await page.waitForURL('**/schedule**');
      await page.getByRole('region', { name: 'Week grid' }).waitFor();
      // Two weeks ahead the demo roster is still a draft.
      await page.getByRole('button', { name: 'Next week' }).click();
      await page.getByRole('button', { name: 'Next week' }).click();
      await page.waitForURL(/week=\d{4}-\d{2}-\d{2}/);
      await page
        .getByRole('button', { name: /^Open shift / })
        .first()
        .waitFor();
      const monday = new URL(page.url()).searchParams.get('week');
      const day = addDays(monday, 2);

      await page.getByRole('button', { name: 'New shift' }).click();
      const editor = page.getByRole('dialog');
      await editor.getByLabel('Day').fill(day);
      await editor.getByLabel('Starts').fill('11:15');
      await editor.getByLabel('Ends').fill('15:45');
      await editor.getByLabel('Unpaid break (minutes)').fill('0');
      await screenshot(page, 'coordinator-new-shift');
      await editor.getByRole('button', { name: 'Create shift' }).click();
      await editor.waitFor({ state: 'detached' });
      const chip = page.getByRole('button', {
        name: /^Open shift 11:15–15:45.*0\/1 filled, draft/,
      });
      await chip.waitFor();

      const person = await freePerson(page, [addDays(day, -1), day, addDays(day, 1)]);
      assert.ok(person, 'someone in the grid is free around the new shift');
      await page.locator(`[data-person-id="${person.id}"]`).dragTo(chip);
      const refused = page.getByRole('dialog');
      const outcome = await Promise.race([
        page
          .getByRole('status')
          .getByText(/assigned to/)
          .waitFor()
          .then(() => 'assigned'),
        refused
          .getByText(/was not assigned/)
          .waitFor()
          .then(() => 'refused'),
      ]);
      if (outcome === 'refused') {
        await refused.getByLabel('Reason for overriding').fill('Agreed with them by phone');
        await refused.getByRole('button', { name: 'Override and assign' }).click();
        await page
          .getByRole('status')
          .getByText(/assigned to/)
          .waitFor();
      }

      await page.getByRole('button', { name: 'Publish week' }).click();
      const publish = page.getByRole('dialog');
      const told = publish.getByRole('list', { name: 'People told' });
      await told.waitFor();
      assert.match((await told.textContent()) ?? '', new RegExp(person.name.split(' ')[0]));
      await screenshot(page, 'coordinator-publish-summary');
      await publish.getByRole('button', { name: /^Publish \d+ shift/ }).click();
      await publish.getByText('These people were told:').waitFor();
      await publish.getByRole('button', { name: 'Close' }).click();
      await page
        // The chip names any rule the assignment still breaks after its filled count.
        .getByRole('button', { name: /^11:15–15:45.*1\/1 filled($|\. Breaks: )/ })
        .first()
        .waitFor();
    }));
});

describe('time off', () => {
  test('a staff member asks for days off on a phone; the coordinator approves', async () => {
    const first = new Date(Date.now() + 9 * 86400_000).toISOString().slice(0, 10);
    const last = addDays(first, 1);
    let name;
    await withSession('staff@harbourview.example', { width: 375, height: 812 }, async (page) => {
      await page.waitForURL('**/my-schedule');
      name = await page.evaluate(
        async () => (await (await fetch('/api/v1/me')).json()).display_name,
      );
      await page.getByRole('tab', { name: 'Time off' }).click();
      await page.getByLabel('First day off').fill(first);
      await page.getByLabel('Last day off').fill(last);
      await page.getByLabel('Reason (optional)').fill('Family visit');
      await page.getByRole('button', { name: 'Request time off' }).click();
      await page.getByText('Request sent. Your coordinator will decide.').waitFor();
      const mine = page.getByRole('list', { name: 'My time-off requests' }).getByRole('listitem');
      await mine.filter({ hasText: 'Waiting for a decision' }).first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `no sideways scrolling at 375 px (page is ${width} px wide)`);
      await screenshot(page, 'staff-time-off');
    });
    await withSession('coordinator@harbourview.example', undefined, async (page) => {
      await page.waitForURL('**/schedule**');
      await page.getByRole('tab', { name: 'Requests' }).click();
      const who = page.getByRole('button', { name: `Approve ${name}’s time off` });
      await who.first().click();
      const dialog = page.getByRole('dialog');
      const approve = dialog.getByRole('button', { name: /^Approve( and release \d+ shifts?)?$/ });
      await approve.waitFor();
      await expectEnabled(approve);
      await screenshot(page, 'coordinator-approve-time-off');
      await approve.click();
      await dialog.waitFor({ state: 'detached' });
      await who.first().waitFor({ state: 'detached' });
    });
  });
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

  test('opening the grid with an ended session (its data asked for at start) signs in again and returns to it', () =>
    withSession('admin@harbourview.example', undefined, async (page) => {
      await page
        .getByRole('button', { name: /^Open shift / })
        .first()
        .waitFor();
      // A second location, remembered for the next visit to the grid.
      await page.getByRole('combobox', { name: 'Location' }).click();
      const second = page.getByRole('option').nth(1);
      const name = (await second.textContent()) ?? '';
      await second.click();
      await page.waitForURL(/location=/);
      // The grid shows it (the address changes before the transition's render commits).
      await page.getByRole('combobox', { name: 'Location' }).filter({ hasText: name }).waitFor();
      // The server forgets the session; the browser keeps the CSRF cookie, so the app still
      // asks for the session, the locations and the remembered location's week all at once.
      const context = page.context();
      const csrf = (await context.cookies()).filter((c) => c.name === 'shiftwise_csrf');
      await context.clearCookies();
      await context.addCookies(csrf);
      await page.goto('/schedule');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.match(page.url(), /\/sign-in\?.*next=%2Fschedule/);
      await page.getByLabel('Email').fill('admin@harbourview.example');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/schedule');
      await page.getByRole('combobox', { name: 'Location' }).filter({ hasText: name }).waitFor();
    }));
});
