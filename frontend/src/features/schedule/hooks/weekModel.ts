import type {
  GridPerson as ApiPerson,
  GridShift,
  OpenSeat,
  ProposedAssignment,
  ProposedRemoval,
  ScheduleGrid,
  Violation,
} from '@/client/types.gen';
import { addDays } from '@/lib/time';

/** A shift as the grid shows it: the API's, with its seat count and the rules it breaks. */
export interface ShiftView extends GridShift {
  assigned_count: number;
  violations: Violation[];
}

export interface GridPerson {
  id: string;
  name: string;
  /** Paid hours in the period, any location (with a proposal shown: as proposed). */
  hours: number;
  /** Contracted hours pro rata for the period. */
  contractedHours: number | null;
}

/** One shift in a person's cell; `proposed` marks the auto-scheduler's suggestions. */
export interface CellShift {
  shift: ShiftView;
  proposed?: 'add' | 'remove';
  violations: Violation[];
}

export interface PersonRow {
  person: GridPerson;
  byDay: Map<string, CellShift[]>;
  violations: Violation[];
}

/** A shift with open seats, in the open-shifts row. */
export interface OpenShift {
  shift: ShiftView;
  /** Seats still open (after the proposal, when one is shown). */
  open: number;
  /** Why the auto-scheduler left them open. */
  reason?: OpenSeat;
}

export interface WeekModel {
  days: string[];
  openByDay: Map<string, OpenShift[]>;
  rows: PersonRow[];
  openSeats: number;
  /** Violations not tied to a person shown. */
  violationCount: number;
}

/** What a schedule run proposes, laid over the grid. */
export interface ProposalOverlay {
  add: readonly ProposedAssignment[];
  remove: readonly ProposedRemoval[];
  openSeats: readonly OpenSeat[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const byStart = (a: GridShift, b: GridShift) => a.starts_at.localeCompare(b.starts_at);

function personOf(v: Violation): string | null {
  const id = v.records?.person_id;
  return typeof id === 'string' ? id : null;
}

function shiftsOf(v: Violation): string[] {
  const ids = v.records?.shift_ids;
  return Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [];
}

const num = (value: string | null): number | null => (value == null ? null : Number(value));

/**
 * Lay the API's grid out as people × days. Rows are the people the API shows, by name;
 * a skill filter keeps the shifts needing it and the people holding it. A proposal adds its
 * suggested assignments (marked), strikes its removals, and recounts seats and hours.
 */
export function buildWeek(
  grid: ScheduleGrid,
  skillId: string | null = null,
  proposal: ProposalOverlay | null = null,
): WeekModel {
  const days = Array.from({ length: grid.days }, (_, i) => addDays(grid.start_date, i));
  const inPeriod = new Set(days);
  const byPerson = new Map<string, Violation[]>();
  const byShift = new Map<string, Violation[]>();
  let violationCount = 0;
  for (const v of grid.violations) {
    const person = personOf(v);
    if (person) push(byPerson, person, v);
    else violationCount++;
    for (const id of shiftsOf(v)) push(byShift, id, v);
  }
  const rows = new Map<string, PersonRow>();
  const minutes = new Map<string, number>();
  const rowFor = (p: ApiPerson | { id: string; display_name: string }): PersonRow => {
    let row = rows.get(p.id);
    if (!row) {
      const full = 'paid_minutes' in p ? p : null;
      minutes.set(p.id, full?.paid_minutes ?? 0);
      row = {
        person: {
          id: p.id,
          name: p.display_name,
          hours: 0,
          contractedHours: full ? num(full.contracted_hours) : null,
        },
        byDay: new Map(),
        violations: byPerson.get(p.id) ?? [],
      };
      rows.set(p.id, row);
    }
    return row;
  };
  for (const p of grid.people) {
    if (skillId && !p.skills.some((s) => s.skill_id === skillId)) continue;
    rowFor(p);
  }

  const removed = new Set(proposal?.remove.map((r) => r.assignment_id));
  const added = new Map<string, ProposedAssignment[]>();
  for (const a of proposal?.add ?? []) push(added, a.shift_id, a);
  const reasons = new Map(proposal?.openSeats.map((s) => [s.shift_id, s]));

  const openByDay = new Map<string, OpenShift[]>();
  let openSeats = 0;
  for (const s of [...grid.shifts].sort(byStart)) {
    if (s.state === 'cancelled') continue;
    if (skillId && s.skill_id !== skillId) continue;
    const day = s.local_date;
    if (!inPeriod.has(day)) continue;
    const violations = byShift.get(s.id) ?? [];
    const shift: ShiftView = { ...s, assigned_count: s.assignments.length, violations };
    const cellViolations = (personId: string) => violations.filter((v) => personOf(v) === personId);
    let filled = s.assignments.length;
    for (const a of s.assignments) {
      const row = rowFor({ id: a.person_id, display_name: a.display_name });
      const gone = removed.has(a.id);
      if (gone) {
        filled--;
        minutes.set(a.person_id, (minutes.get(a.person_id) ?? 0) - s.paid_minutes);
      }
      push(row.byDay, day, {
        shift,
        violations: cellViolations(a.person_id),
        ...(gone ? { proposed: 'remove' as const } : {}),
      });
    }
    for (const a of added.get(s.id) ?? []) {
      const row = rowFor({ id: a.person_id, display_name: a.person_display_name });
      filled++;
      minutes.set(a.person_id, (minutes.get(a.person_id) ?? 0) + s.paid_minutes);
      push(row.byDay, day, { shift, proposed: 'add', violations: [] });
    }
    const open = Math.max(0, s.headcount - filled);
    if (open > 0 || (proposal === null && s.open_seats > 0)) {
      const reason = reasons.get(s.id);
      push(openByDay, day, { shift, open, ...(reason ? { reason } : {}) });
      openSeats += open;
    }
  }
  for (const row of rows.values()) {
    row.person.hours = (minutes.get(row.person.id) ?? 0) / 60;
  }
  const sorted = [...rows.values()].sort((a, b) => a.person.name.localeCompare(b.person.name));
  return { days, openByDay, rows: sorted, openSeats, violationCount };
}
