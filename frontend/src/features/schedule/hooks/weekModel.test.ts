import { describe, expect, it } from 'vitest';
import type { Person, Shift } from '@/client/types.gen';
import { buildWeek } from './weekModel';

const shift = (id: string, starts: string, ends: string, extra: Partial<Shift> = {}) =>
  ({
    id,
    skill_id: 'nurse',
    starts_at: starts,
    ends_at: ends,
    break_minutes: 0,
    headcount: 1,
    assigned_count: 0,
    open_seats: 1,
    state: 'published',
    assignments: [],
    ...extra,
  }) as unknown as Shift;
const person = (id: string, name: string, skills: string[]) =>
  ({
    id,
    display_name: name,
    contracted_hours_per_week: null,
    skills: skills.map((skill_id) => ({ skill_id })),
  }) as unknown as Person;

describe('buildWeek', () => {
  it('files a shift under its local day in the location’s zone', () => {
    // 23:30 UTC on Sunday is already Monday in Sydney.
    const week = buildWeek(
      [shift('s1', '2026-03-01T23:30:00Z', '2026-03-02T07:30:00Z')],
      [],
      'Australia/Sydney',
      '2026-03-02',
    );
    expect(week.openByDay.get('2026-03-02')?.map((s) => s.id)).toEqual(['s1']);
    expect(week.openSeats).toBe(1);
  });

  it('counts a night across the spring-forward change at its true length', () => {
    const night = shift('n', '2026-03-28T23:00:00Z', '2026-03-29T07:00:00Z', {
      open_seats: 0,
      assigned_count: 1,
      assignments: [{ id: 'a', person_id: 'p1', display_name: 'Ada' }],
    });
    const week = buildWeek([night], [], 'Europe/London', '2026-03-23');
    expect(week.rows[0]?.hours).toBe(8);
    expect(week.rows[0]?.byDay.get('2026-03-28')?.[0]?.id).toBe('n');
  });

  it('keeps only the shifts needing a skill and the people holding it', () => {
    const week = buildWeek(
      [
        shift('s1', '2026-03-02T07:00:00Z', '2026-03-02T15:00:00Z'),
        shift('s2', '2026-03-02T07:00:00Z', '2026-03-02T15:00:00Z', { skill_id: 'driver' }),
      ],
      [person('p1', 'Ada', ['nurse']), person('p2', 'Bo', ['driver'])],
      'UTC',
      '2026-03-02',
      7,
      'nurse',
    );
    expect(week.openByDay.get('2026-03-02')?.map((s) => s.id)).toEqual(['s1']);
    expect(week.rows.map((r) => r.person.name)).toEqual(['Ada']);
  });
});
