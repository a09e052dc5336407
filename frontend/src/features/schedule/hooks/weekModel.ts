import type { Person, Shift } from '@/client/types.gen';
import { addDays, localDate, paidHours } from '@/lib/time';

export interface GridPerson {
  id: string;
  name: string;
  contractedHours: number | null;
}

export interface PersonRow {
  person: GridPerson;
  /** Shifts this person works, by local day. */
  byDay: Map<string, Shift[]>;
  hours: number;
}

export interface WeekModel {
  days: string[];
  /** Shifts with at least one open seat, by local day. */
  openByDay: Map<string, Shift[]>;
  rows: PersonRow[];
  openSeats: number;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const byStart = (a: Shift, b: Shift) => a.starts_at.localeCompare(b.starts_at);

/**
 * Lay a location's shifts out as people × days in the location's zone. Rows are the
 * location's people plus anyone assigned here from elsewhere, by name. A skill filter keeps
 * the shifts needing it and the people holding it.
 */
export function buildWeek(
  shifts: readonly Shift[],
  people: readonly Person[],
  zone: string,
  startDate: string,
  dayCount = 7,
  skillId: string | null = null,
): WeekModel {
  const days = Array.from({ length: dayCount }, (_, i) => addDays(startDate, i));
  const inWeek = new Set(days);
  const rows = new Map<string, PersonRow>();
  const rowFor = (person: GridPerson): PersonRow => {
    let row = rows.get(person.id);
    if (!row) {
      row = { person, byDay: new Map(), hours: 0 };
      rows.set(person.id, row);
    }
    return row;
  };
  for (const p of people) {
    if (skillId && !p.skills.some((s) => s.skill_id === skillId)) continue;
    const contracted = p.contracted_hours_per_week;
    rowFor({
      id: p.id,
      name: p.display_name,
      contractedHours: contracted == null ? null : Number(contracted),
    });
  }
  const openByDay = new Map<string, Shift[]>();
  let openSeats = 0;
  for (const shift of [...shifts].sort(byStart)) {
    if (shift.state === 'cancelled') continue;
    if (skillId && shift.skill_id !== skillId) continue;
    const day = localDate(shift.starts_at, zone);
    if (!inWeek.has(day)) continue;
    if (shift.open_seats > 0) {
      push(openByDay, day, shift);
      openSeats += shift.open_seats;
    }
    const hours = paidHours(shift.starts_at, shift.ends_at, shift.break_minutes);
    for (const a of shift.assignments) {
      const row = rowFor({ id: a.person_id, name: a.display_name, contractedHours: null });
      push(row.byDay, day, shift);
      row.hours += hours;
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.person.name.localeCompare(b.person.name));
  return { days, openByDay, rows: sorted, openSeats };
}
