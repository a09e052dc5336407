import { describe, expect, it } from 'vitest';
import type { GridPerson, GridShift, ScheduleGrid, Violation } from '@/client/types.gen';
import { buildWeek } from './weekModel';

const shift = (id: string, day: string, extra: Partial<GridShift> = {}): GridShift => ({
  id,
  skill_id: 'nurse',
  local_date: day,
  starts_at: `${day}T07:00:00Z`,
  ends_at: `${day}T15:00:00Z`,
  break_minutes: 0,
  paid_minutes: 480,
  headcount: 1,
  open_seats: 1,
  state: 'published',
  assignments: [],
  notes: null,
  published_at: null,
  template_id: null,
  ...extra,
});
const person = (id: string, name: string, skills: string[], minutes = 0): GridPerson => ({
  id,
  display_name: name,
  contracted_hours: '37.5',
  contracted_hours_per_week: '37.5',
  employment_type: 'full_time',
  home_location_id: 'loc',
  is_active: true,
  max_hours_per_week: null,
  paid_hours: String(minutes / 60),
  paid_minutes: minutes,
  skills: skills.map((skill_id) => ({ skill_id }) as GridPerson['skills'][number]),
});
const grid = (shifts: GridShift[], people: GridPerson[], violations: Violation[] = []) =>
  ({
    days: 7,
    start_date: '2026-03-02',
    end_date: '2026-03-08',
    starts_at: '2026-03-02T00:00:00Z',
    ends_at: '2026-03-09T00:00:00Z',
    location: { id: 'loc', name: 'North', time_zone: 'Europe/London' },
    open_seats: shifts.reduce((n, s) => n + s.open_seats, 0),
    people,
    shifts,
    violations,
  }) as ScheduleGrid;

const ada = { id: 'a1', person_id: 'p1', display_name: 'Ada' };

describe('buildWeek', () => {
  it('files shifts under the API’s local date and takes hours from the API', () => {
    const week = buildWeek(
      grid(
        [
          shift('s1', '2026-03-03'),
          shift('s2', '2026-03-04', { assignments: [ada], open_seats: 0 }),
        ],
        [person('p1', 'Ada', ['nurse'], 480), person('p2', 'Bo', ['nurse'])],
      ),
    );
    expect(week.openByDay.get('2026-03-03')?.map((o) => o.shift.id)).toEqual(['s1']);
    expect(week.openSeats).toBe(1);
    const [a, b] = week.rows;
    expect(a?.person).toMatchObject({ name: 'Ada', hours: 8, contractedHours: 37.5 });
    expect(a?.byDay.get('2026-03-04')?.map((c) => c.shift.id)).toEqual(['s2']);
    expect(b?.person.hours).toBe(0);
  });

  it('puts each violation on its person and on the cell of the shifts it names', () => {
    const v: Violation = {
      rule: 'max_hours_per_week',
      severity: 'soft',
      message: 'Ada works 50 h.',
      records: { person_id: 'p1', shift_ids: ['s2'] },
    };
    const week = buildWeek(
      grid(
        [shift('s2', '2026-03-04', { assignments: [ada], open_seats: 0 })],
        [person('p1', 'Ada', ['nurse'], 480)],
        [v],
      ),
    );
    expect(week.rows[0]?.violations).toEqual([v]);
    expect(week.rows[0]?.byDay.get('2026-03-04')?.[0]?.violations).toEqual([v]);
  });

  it('keeps shifts needing the skill and people holding it', () => {
    const week = buildWeek(
      grid(
        [shift('s1', '2026-03-03'), shift('s3', '2026-03-03', { skill_id: 'bar' })],
        [person('p1', 'Ada', ['nurse']), person('p2', 'Bo', ['bar'])],
      ),
      'bar',
    );
    expect(week.openByDay.get('2026-03-03')?.map((o) => o.shift.id)).toEqual(['s3']);
    expect(week.rows.map((r) => r.person.name)).toEqual(['Bo']);
  });

  it('lays a proposal over the grid: marked additions and removals, seats and hours recounted', () => {
    const week = buildWeek(
      grid(
        [
          shift('s1', '2026-03-03', { headcount: 2, open_seats: 2 }),
          shift('s2', '2026-03-04', { assignments: [ada], open_seats: 0 }),
        ],
        [person('p1', 'Ada', ['nurse'], 480), person('p2', 'Bo', ['nurse'])],
      ),
      null,
      {
        add: [{ shift_id: 's1', person_id: 'p2', person_display_name: 'Bo' } as never],
        remove: [{ assignment_id: 'a1', shift_id: 's2', person_id: 'p1' } as never],
        openSeats: [{ shift_id: 's1', count: 1, reason: 'all_blocked' } as never],
      },
    );
    const open = week.openByDay.get('2026-03-03')?.[0];
    expect(open).toMatchObject({ open: 1, reason: { reason: 'all_blocked' } });
    // s2 lost Ada: it is open again.
    expect(week.openByDay.get('2026-03-04')?.[0]?.open).toBe(1);
    expect(week.openSeats).toBe(2);
    const [a, b] = week.rows;
    expect(a?.byDay.get('2026-03-04')?.[0]?.proposed).toBe('remove');
    expect(a?.person.hours).toBe(0);
    expect(b?.byDay.get('2026-03-03')?.[0]?.proposed).toBe('add');
    expect(b?.person.hours).toBe(8);
  });
});
