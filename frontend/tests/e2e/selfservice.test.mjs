// A staff member accepts a colleague's offer; a coordinator runs the auto-scheduler and
// accepts its proposal. One server for both, as in flows.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launch, PASSWORD, screenshot, signIn } from './browser.mjs';
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

/** Call the API from a signed-in page, with its cookies and CSRF header. */
function api(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const csrf = document.cookie
        .split('; ')
        .find((c) => c.startsWith('shiftwise_csrf='))
        ?.split('=')[1];
      const res = await fetch(p, {
        method: m,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf ?? '' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    [method, path, body],
  );
}

async function session(email, viewport, flow) {
  const { context, page } = await signIn(browser, server.url, email, viewport);
  try {
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    return await flow(page);
  } finally {
    await context.close();
  }
}

const PHONE = { width: 375, height: 812 };

describe('requests', () => {
  test('a staff member accepts a shift a colleague offers them, on a phone', async () => {
    const me = await session('staff@harbourview.example', PHONE, async (page) => {
      return (await api(page, 'GET', '/api/v1/me')).body;
    });
    // An admin gives a colleague at the same home location a sign-in, and finds one of their
    // upcoming shifts the rules let the staff member take.
    const colleague = await session('admin@harbourview.example', undefined, async (page) => {
      const person = (await api(page, 'GET', `/api/v1/people/${me.person_id}`)).body;
      const query = new URLSearchParams({
        location_id: person.home_location_id,
        state: 'published',
        start: new Date(Date.now() + 2 * 86400_000).toISOString(),
        end: new Date(Date.now() + 20 * 86400_000).toISOString(),
        limit: '500',
      });
      const shifts = (await api(page, 'GET', `/api/v1/shifts?${query}`)).body.items;
      for (const shift of shifts) {
        for (const a of shift.assignments) {
          if (a.person_id === me.person_id) continue;
          const check = await api(page, 'POST', '/api/v1/assignments/check', {
            shift_id: shift.id,
            person_id: me.person_id,
          });
          if (check.status !== 200 || !check.body.would_succeed) continue;
          const email = `e2e-${a.person_id.slice(0, 8)}@harbourview.example`;
          const user = await api(page, 'POST', '/api/v1/users', {
            email,
            role: 'staff',
            person_id: a.person_id,
            password: PASSWORD,
          });
          if (user.status === 201) return { email, assignmentId: a.id, name: a.display_name };
        }
      }
      return null;
    });
    assert.ok(colleague, 'a colleague has a shift the staff member may take');

    await session(colleague.email, PHONE, async (page) => {
      const offer = await api(page, 'POST', '/api/v1/shift-requests', {
        kind: 'offer',
        assignment_id: colleague.assignmentId,
        counterpart_person_id: me.person_id,
        note: 'Could you take this one?',
      });
      assert.equal(offer.status, 201, JSON.stringify(offer.body));
    });

    await session('staff@harbourview.example', PHONE, async (page) => {
      await page.waitForURL('**/my-schedule');
      const offers = page.getByRole('list', { name: 'Offered to me' });
      const item = offers.getByRole('listitem').filter({ hasText: colleague.name });
      await item.first().waitFor();
      await item
        .first()
        .getByRole('button', { name: /^Accept / })
        .click();
      await page.getByText(/^Accepted\. A coordinator will approve/).waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `no sideways scrolling at 375 px (page is ${width} px wide)`);
      await screenshot(page, 'staff-accepts-offer');
      // Now it waits for approval among my requests.
      await page
        .getByRole('list', { name: 'My requests' })
        .getByText('Waiting for approval')
        .first()
        .waitFor();
    });

    // The colleague is told in the app: the bell counts it and lists it in words.
    await session(colleague.email, PHONE, async (page) => {
      const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
      await bell.waitFor({ timeout: 30_000 });
      await bell.click();
      await page
        .getByRole('list', { name: 'Latest notifications' })
        .getByText('Your shift request was accepted; it waits for approval')
        .waitFor();
      await screenshot(page, 'staff-notification-bell');
    });
  });
});

describe('auto-scheduler', () => {
  test('a coordinator runs the auto-scheduler, previews its proposal and accepts it', () =>
    session('coordinator@harbourview.example', undefined, async (page) => {
      await page.waitForURL('**/schedule**');
      await page.getByRole('button', { name: 'Next week' }).click();
      await page.waitForURL(/week=\d{4}-\d{2}-\d{2}/);
      await page
        .getByRole('button', { name: /^Open shift / })
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Auto-schedule' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Time limit (seconds)').fill('5');
      await dialog.getByRole('button', { name: 'Start' }).click();
      await page
        .getByText(/Waiting for the solver|The auto-scheduler is working/)
        .first()
        .waitFor();
      const proposal = page.getByRole('region', { name: 'Auto-scheduler proposal' });
      await proposal.waitFor({ timeout: 90_000 });
      const proposed = await page.locator('[data-variant="proposed"]').count();
      assert.ok(proposed > 0, 'the proposal shows its assignments in the grid');
      await screenshot(page, 'coordinator-auto-schedule-proposal');
      await proposal.getByRole('button', { name: 'Accept proposal' }).click();
      await page.getByText(/^Proposal accepted: \d+ assignments? made/).waitFor();
      await page.locator('[data-variant="proposed"]').first().waitFor({ state: 'detached' });
      await screenshot(page, 'coordinator-auto-schedule-accepted');
    }));
});
