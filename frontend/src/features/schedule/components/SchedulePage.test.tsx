import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/lib/queryClient';
import { type Call, mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { SchedulePage } from './SchedulePage';

const LOCATION = { id: 'loc1', name: 'North ward', time_zone: 'Europe/London', archived_at: null };
const OPEN_SHIFT = {
  id: 's1',
  skill_id: 'sk1',
  local_date: '2026-03-04',
  starts_at: '2026-03-04T07:00:00Z',
  ends_at: '2026-03-04T15:00:00Z',
  break_minutes: 30,
  paid_minutes: 450,
  headcount: 2,
  state: 'published',
  open_seats: 1,
  notes: null,
  published_at: null,
  template_id: null,
  assignments: [{ id: 'a1', person_id: 'p1', display_name: 'Ada Lovelace' }],
};
const person = (id: string, name: string, minutes: number) => ({
  id,
  display_name: name,
  contracted_hours: '37.5',
  contracted_hours_per_week: '37.5',
  employment_type: 'full_time',
  home_location_id: 'loc1',
  is_active: true,
  max_hours_per_week: null,
  paid_hours: String(minutes / 60),
  paid_minutes: minutes,
  skills: [{ skill_id: 'sk1', expires_on: null }],
});
const GRID = {
  days: 7,
  start_date: '2026-03-02',
  end_date: '2026-03-08',
  starts_at: '2026-03-02T00:00:00Z',
  ends_at: '2026-03-09T00:00:00Z',
  location: { id: 'loc1', name: 'North ward', time_zone: 'Europe/London' },
  open_seats: 1,
  people: [person('p1', 'Ada Lovelace', 450), person('p2', 'Bo Diddley', 0)],
  shifts: [OPEN_SHIFT],
  violations: [
    {
      rule: 'max_hours_per_week',
      severity: 'soft',
      message: 'Ada Lovelace is over her weekly hours.',
      records: { person_id: 'p1', shift_ids: ['s1'] },
    },
  ],
};
const VIOLATION = { rule: 'skill', severity: 'hard', message: 'Bo Diddley does not hold Nurse.' };

type Reply = { status: number; body?: unknown };

function api(
  assign: (call: Call) => Reply,
  extra: Record<string, Reply | ((call: Call) => Reply)> = {},
) {
  return mockApi({
    'GET /api/v1/locations': { status: 200, body: [LOCATION] },
    'GET /api/v1/skills': { status: 200, body: [{ id: 'sk1', name: 'Nurse' }] },
    'GET /api/v1/schedule': (call) =>
      call.path.includes('start_date=2026-03-02') ? { status: 200, body: GRID } : undefined,
    'POST /api/v1/shifts/s1/assignments': assign,
    ...extra,
  });
}

async function renderWeek() {
  renderWithProviders(<SchedulePage locationIds={null} />, {
    route: '/schedule?location=loc1&week=2026-03-02',
  });
  const chip = await screen.findByRole('button', {
    name: /^Open shift 07:00–15:00 Nurse, 1\/2 filled/,
  });
  // Rows appear once the virtualiser has measured its viewport.
  await screen.findByText('Bo Diddley');
  return chip;
}

const rowOf = (name: string) => screen.getByText(name).closest('[data-person-id]') as HTMLElement;

beforeEach(() => {
  // jsdom lays nothing out; give the virtualised list a viewport to fill.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
});

describe('week grid', () => {
  it('lays out days in the location’s zone with hours against contract', async () => {
    api(() => ({ status: 500 }));
    await renderWeek();
    expect(screen.getByText('Wed 4 Mar')).toBeInTheDocument();
    expect(screen.getByText('1 unfilled seat')).toBeInTheDocument();
    // The API's paid hours in the period: 8 hours less a 30-minute unpaid break.
    expect(rowOf('Ada Lovelace')).toHaveTextContent('7.5 / 37.5 h · 1 broken');
    expect(rowOf('Ada Lovelace')).toHaveAttribute(
      'title',
      'Ada Lovelace is over her weekly hours.',
    );
    expect(within(rowOf('Bo Diddley')).getByText('0 / 37.5 h')).toBeInTheDocument();
    // The cell's shift names the rule it breaks.
    expect(
      screen.getByRole('button', {
        name: /^07:00–15:00 Nurse, 1\/2 filled\. Breaks: Ada Lovelace/,
      }),
    ).toBeInTheDocument();
  });

  it('drags a person onto an open shift, lists the rule broken, and overrides with a reason', async () => {
    const { calls } = api((call) =>
      (call.body as { override_reason?: string | null }).override_reason
        ? { status: 201, body: { assignment: { id: 'a2' }, warnings: [VIOLATION] } }
        : {
            status: 409,
            body: {
              error: 'rule_violation',
              detail: 'The assignment breaks hard rules.',
              violations: [VIOLATION],
            },
          },
    );
    const chip = await renderWeek();
    fireEvent.dragStart(rowOf('Bo Diddley'));
    fireEvent.dragOver(chip);
    fireEvent.drop(chip);

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Bo Diddley does not hold Nurse.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Override and assign' }));
    expect(
      await within(dialog).findByText('Write why this assignment should go ahead.'),
    ).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox'), 'Agency nurse briefed on site');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Override and assign' }));

    expect(
      await screen.findByText(/Bo Diddley assigned to Wed 4 Mar 07:00–15:00 Nurse/),
    ).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.body)).toEqual([
      { person_id: 'p2', override_reason: null },
      { person_id: 'p2', override_reason: 'Agency nurse briefed on site' },
    ]);
  });

  it('drags an open shift onto a person’s day', async () => {
    const { calls } = api(() => ({
      status: 201,
      body: { assignment: { id: 'a2' }, warnings: [] },
    }));
    const chip = await renderWeek();
    const cell = rowOf('Bo Diddley').parentElement?.querySelector('[data-day="2026-03-04"]');
    if (!cell) throw new Error('no cell for Bo on 4 March');
    fireEvent.dragStart(chip);
    fireEvent.dragOver(cell);
    fireEvent.drop(cell);
    expect(await screen.findByText(/Bo Diddley assigned to/)).toBeInTheDocument();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
  });

  it('assigns from the keyboard: press a shift, then “Assign here”', async () => {
    const { calls } = api(() => ({
      status: 201,
      body: { assignment: { id: 'a2' }, warnings: [] },
    }));
    const chip = await renderWeek();
    await userEvent.click(chip);
    expect(chip).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(
      screen.getByRole('button', { name: 'Assign Bo Diddley to the picked shift' }),
    );
    expect(await screen.findByText(/Bo Diddley assigned to/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      person_id: 'p2',
      override_reason: null,
    });
  });

  it('ranks candidates for a picked open seat with reasons; one click assigns', async () => {
    const candidate = {
      rank: 1,
      person_id: 'p2',
      display_name: 'Bo Diddley',
      home_location_id: 'loc1',
      rule_clean: true,
      overridable: true,
      hard_violations: 0,
      soft_violations: 1,
      preference: 'preferred',
      week_paid_hours: '30',
      contracted_hours_per_week: '37.5',
      hours_below_contract: '7.5',
      cost: null,
      overtime_hours: '0',
      reasons: {
        summary: 'Prefers mornings; 7.5 h below contract.',
        violations: [{ rule: 'rest', severity: 'soft', message: 'Short rest before Thursday.' }],
      },
    };
    const { calls } = api(
      () => ({ status: 201, body: { assignment: { id: 'a2' }, warnings: [] } }),
      {
        'GET /api/v1/shifts/s1/candidates': {
          status: 200,
          body: { shift_id: 's1', week_start_date: '2026-03-02', total: 1, items: [candidate] },
        },
      },
    );
    const chip = await renderWeek();
    await userEvent.click(chip);
    await userEvent.click(screen.getByRole('button', { name: 'Candidates' }));
    expect(await screen.findByText('Prefers mornings; 7.5 h below contract.')).toBeInTheDocument();
    expect(screen.getByLabelText('Rules for Bo Diddley')).toHaveTextContent(
      'Short rest before Thursday.',
    );
    expect(screen.getByText('30 h this week of 37.5 h contracted')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Assign Bo Diddley', hidden: true }));
    expect(await screen.findByText(/Bo Diddley assigned to/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      person_id: 'p2',
      override_reason: null,
    });
  });
});

describe('the weeks either side', () => {
  const APP_STALE_TIME = createQueryClient().getDefaultOptions().queries?.staleTime;
  const query = (url: string) => Object.fromEntries(new URL(url, 'http://localhost').searchParams);
  /** The grids asked for, in order, by their query parameters. */
  const gridAsks = (calls: Call[]) =>
    calls
      .filter((c) => c.method === 'GET' && c.path.startsWith('/api/v1/schedule?'))
      .map((c) => query(c.path));

  it.each([7, 14])(
    'with %i days: asks for the previous and next grids once the shown one has loaded, so the next shows without asking',
    async (days) => {
      const grids: Record<string, unknown> = {
        '2026-03-02': { ...GRID, days },
        '2026-03-09': {
          ...GRID,
          days,
          start_date: '2026-03-09',
          people: [person('p3', 'Cy Twombly', 0)],
          shifts: [],
          violations: [],
          open_seats: 0,
        },
      };
      const { calls } = api(() => ({ status: 500 }), {
        'GET /api/v1/schedule': (call) => {
          const body = grids[query(call.path).start_date ?? ''];
          return body ? { status: 200, body } : { status: 200, body: { ...GRID, people: [] } };
        },
      });
      const search = days === 7 ? '' : `&days=${days}`;
      const { queryClient } = renderWithProviders(<SchedulePage locationIds={null} />, {
        route: `/schedule?location=loc1&week=2026-03-02${search}`,
      });
      // Answers stay fresh as long as in the app (the test client's default is 0).
      queryClient.setDefaultOptions({
        queries: { ...queryClient.getDefaultOptions().queries, staleTime: APP_STALE_TIME },
      });
      await screen.findByText('Bo Diddley');
      const ask = (start_date: string) => ({ location_id: 'loc1', start_date, days: String(days) });
      await waitFor(() =>
        expect(gridAsks(calls)).toEqual([ask('2026-03-02'), ask('2026-02-23'), ask('2026-03-09')]),
      );

      await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
      // No spinner in between: the grid comes from the cache.
      expect(screen.queryByText('Loading the week…')).not.toBeInTheDocument();
      expect(await screen.findByText('Cy Twombly')).toBeInTheDocument();
      // The week left is still fresh in the cache; only the week after the new one is asked for.
      await waitFor(() =>
        expect(gridAsks(calls)).toEqual([
          ask('2026-03-02'),
          ask('2026-02-23'),
          ask('2026-03-09'),
          ask('2026-03-16'),
        ]),
      );
    },
  );

  it('asks for nothing more while the shown grid is loading, nor when it has failed', async () => {
    let release = () => {};
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { calls, fetchMock } = api(() => ({ status: 500 }), {
      'GET /api/v1/schedule': {
        status: 500,
        body: { error: 'internal', detail: 'The week could not be built.' },
      },
    });
    const answer = fetchMock.getMockImplementation();
    if (!answer) throw new Error('mockApi set no fetch');
    // Hold every grid's answer until released; fetch is still called (and counted) at once.
    fetchMock.mockImplementation(async (input: Request) => {
      if (new URL(input.url).pathname === '/api/v1/schedule') await answered;
      return answer(input);
    });
    const gridsFetched = () =>
      fetchMock.mock.calls
        .map(([input]) => new URL(input.url))
        .filter((url) => url.pathname === '/api/v1/schedule')
        .map((url) => url.searchParams.get('start_date'));

    renderWithProviders(<SchedulePage locationIds={null} />, {
      route: '/schedule?location=loc1&week=2026-03-02',
    });
    // The location is known (its name is shown) while the grid is still on its way.
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Location' })).toHaveTextContent('North ward'),
    );
    expect(screen.getByText('Loading the week…')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gridsFetched()).toEqual(['2026-03-02']);

    release();
    expect(await screen.findByText(/The week could not be built\./)).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gridsFetched()).toEqual(['2026-03-02']);
    expect(gridAsks(calls).map((q) => q.start_date)).toEqual(['2026-03-02']);
  });
});

describe('auto-scheduler', () => {
  const RUN = {
    id: 'run1',
    cancel_requested: false,
    created_at: '2026-03-01T10:00:00Z',
    created_by_user_id: 'u1',
    days: 7,
    decided_at: null,
    decided_by_user_id: null,
    finished_at: null,
    location_ids: ['loc1'],
    message: null,
    mode: 'fill',
    start_date: '2026-03-02',
    started_at: '2026-03-01T10:00:01Z',
    time_limit_s: 20,
  };
  const PROPOSAL = {
    add: [
      {
        shift_id: 's1',
        person_id: 'p2',
        person_display_name: 'Bo Diddley',
        location_id: 'loc1',
        location_name: 'North ward',
        local_date: '2026-03-04',
        starts_at: OPEN_SHIFT.starts_at,
        ends_at: OPEN_SHIFT.ends_at,
      },
    ],
    remove: [],
    dropped: [],
    open_seats: [],
    objective: 120,
    bound: 120,
    solver_status: 'OPTIMAL',
    terms: {},
    warnings: [],
  };

  it('starts a run, shows its progress, previews the proposal and accepts it', async () => {
    let polls = 0;
    const routes = {
      'POST /api/v1/schedule-runs': {
        status: 201,
        body: { ...RUN, state: 'queued', progress: {}, proposal: null },
      },
      'GET /api/v1/schedule-runs/run1': () => {
        polls++;
        return polls < 2
          ? {
              status: 200,
              body: {
                ...RUN,
                state: 'running',
                proposal: null,
                progress: { objective: 150, bound: 100, gap: 0.333, elapsed_s: 2.5 },
              },
            }
          : {
              status: 200,
              body: {
                ...RUN,
                state: 'succeeded',
                proposal: PROPOSAL,
                progress: { objective: 120, bound: 120, gap: 0, elapsed_s: 4 },
              },
            };
      },
      'POST /api/v1/schedule-runs/run1/accept': {
        status: 200,
        body: {
          run: { ...RUN, state: 'accepted', proposal: PROPOSAL, progress: {} },
          created_assignment_ids: ['a9'],
          cancelled_assignment_ids: [],
          warnings: [],
        },
      },
    };
    const { calls } = api(() => ({ status: 500 }), routes);
    await renderWeek();
    await userEvent.click(screen.getByRole('button', { name: 'Auto-schedule' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start' }));

    expect(
      await screen.findByText('Objective 150 · bound 100 · gap 33.3% · 2.5 of 20 s'),
    ).toBeInTheDocument();
    const proposal = await screen.findByRole(
      'region',
      { name: 'Auto-scheduler proposal' },
      { timeout: 5000 },
    );
    expect(proposal).toHaveTextContent('1 assignment to add; 0 seats would stay open');
    // Bo's proposed shift is marked in his row; the open seat is counted as filled.
    expect(
      within(rowOf('Bo Diddley').parentElement as HTMLElement).getByRole('button', {
        name: /^Proposed 07:00–15:00 Nurse/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('0 unfilled seats')).toBeInTheDocument();

    await userEvent.click(within(proposal).getByRole('button', { name: 'Accept proposal' }));
    expect(await screen.findByText(/Proposal accepted: 1 assignment made/)).toBeInTheDocument();
    const body = [...calls].find((c) => c.path === '/api/v1/schedule-runs')?.body;
    expect(body).toEqual({
      location_ids: ['loc1'],
      start_date: '2026-03-02',
      days: 7,
      mode: 'fill',
      time_limit_s: 20,
    });
  });
});
