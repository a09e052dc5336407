import { addDays, localDate, mondayOf } from '@/lib/time';

/** The location last shown in the grid, so the next visit can ask for its week at once. */
export interface RememberedLocation {
  id: string;
  /** Its IANA zone, which decides "this week" when the address names none. */
  zone: string;
}

const KEY = 'shiftwise.schedule.location';

export function rememberedLocation(): RememberedLocation | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<RememberedLocation>;
    return typeof value?.id === 'string' && typeof value.zone === 'string'
      ? { id: value.id, zone: value.zone }
      : null;
  } catch {
    return null;
  }
}

export function rememberLocation(location: RememberedLocation): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(location));
  } catch {
    // Storage full or refused (private mode): the grid just waits for the locations list.
  }
}

export interface Period {
  locationId: string;
  /** First local date. */
  startDate: string;
  days: number;
}

/**
 * How far the WeekPicker's arrows move the shown period: one week, for a 7- and for a 14-day
 * period alike (a fortnight view slides by a week).
 */
export const PERIOD_STEP_DAYS = 7;

/** The periods the WeekPicker's previous and next arrows lead to from a period. */
export function adjacentPeriods(period: Period): { previous: Period; next: Period } {
  return {
    previous: { ...period, startDate: addDays(period.startDate, -PERIOD_STEP_DAYS) },
    next: { ...period, startDate: addDays(period.startDate, PERIOD_STEP_DAYS) },
  };
}

export function daysFrom(params: URLSearchParams): number {
  return params.get('days') === '14' ? 14 : 7;
}

/**
 * The period the grid will show, guessed from the address and the location last shown before
 * the locations list has arrived, so the grid's request need not wait for that list. Null when
 * it cannot be known yet (no location named nor remembered, or no week and an unknown zone).
 * When the guess is wrong (a location since archived or taken away) the answer is simply unused.
 */
export function earlyPeriod(
  params: URLSearchParams,
  remembered: RememberedLocation | null,
  now: Date = new Date(),
): Period | null {
  const locationId = params.get('location') ?? remembered?.id ?? null;
  if (!locationId) return null;
  const zone = remembered?.id === locationId ? remembered.zone : null;
  const week = params.get('week') ?? (zone ? localDate(now, zone) : null);
  if (!week) return null;
  return { locationId, startDate: mondayOf(week), days: daysFrom(params) };
}
