import { z } from 'zod';
import type { Shift, ShiftCreate, ShiftUpdate } from '@/client/types.gen';

/** What the editor reads of a shift: the week grid's shifts and the API's both fit. */
export type EditableShift = Pick<
  Shift,
  | 'id'
  | 'state'
  | 'assigned_count'
  | 'starts_at'
  | 'ends_at'
  | 'skill_id'
  | 'headcount'
  | 'break_minutes'
  | 'notes'
>;

import { blankToNull } from '@/lib/forms';
import { addDays, localDate, localTime, zonedInstant } from '@/lib/time';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const whole = (what: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, {
      message: `${what} must be a whole number from ${min} to ${max}.`,
    });

/** One shift as a coordinator writes it: a local date and wall times at the location. */
export const shiftSchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose the day the shift starts.'),
    start_time: z.string().regex(TIME, 'Enter the start time as HH:MM, e.g. 07:00.'),
    end_time: z.string().regex(TIME, 'Enter the end time as HH:MM, e.g. 15:00.'),
    skill_id: z.string(),
    headcount: whole('Headcount', 1, 100),
    break_minutes: whole('The break', 0, 1440),
    notes: z.string().max(2000, 'Keep the notes under 2000 characters.'),
  })
  .refine((v) => v.start_time !== v.end_time, {
    path: ['end_time'],
    message: 'The shift must end at a different time than it starts.',
  })
  .refine((v) => !TIME.test(v.start_time) || !TIME.test(v.end_time) || breakFits(v), {
    path: ['break_minutes'],
    message: 'The break must be shorter than the shift.',
  });

export type ShiftValues = z.infer<typeof shiftSchema>;

export const SHIFT_FIELDS = [
  'date',
  'start_time',
  'end_time',
  'skill_id',
  'headcount',
  'break_minutes',
  'notes',
] as const;

/** The API names instants; the form names local parts of them. */
export const SHIFT_ALIASES = { starts_at: 'start_time', ends_at: 'end_time' } as const;

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** An end at or before the start is on the next day: 22:00–06:00 is a night. */
export function endsNextDay(start: string, end: string): boolean {
  return TIME.test(start) && TIME.test(end) && minutes(end) <= minutes(start);
}

function breakFits(v: { start_time: string; end_time: string; break_minutes: string }): boolean {
  const length = (minutes(v.end_time) - minutes(v.start_time) + 1440) % 1440 || 1440;
  return Number(v.break_minutes) < length;
}

export function instants(v: ShiftValues, zone: string): { starts_at: string; ends_at: string } {
  const endDate = endsNextDay(v.start_time, v.end_time) ? addDays(v.date, 1) : v.date;
  return {
    starts_at: zonedInstant(v.date, v.start_time, zone).toISOString(),
    ends_at: zonedInstant(endDate, v.end_time, zone).toISOString(),
  };
}

export function toCreateBody(v: ShiftValues, locationId: string, zone: string): ShiftCreate {
  return {
    location_id: locationId,
    ...instants(v, zone),
    skill_id: v.skill_id || null,
    headcount: Number(v.headcount),
    break_minutes: Number(v.break_minutes),
    notes: blankToNull(v.notes),
  };
}

export function toUpdateBody(v: ShiftValues, zone: string): ShiftUpdate {
  const { location_id: _, ...rest } = toCreateBody(v, '', zone);
  return rest;
}

export function fromShift(shift: EditableShift | null, zone: string, day: string): ShiftValues {
  if (!shift) {
    return {
      date: day,
      start_time: '07:00',
      end_time: '15:00',
      skill_id: '',
      headcount: '1',
      break_minutes: '30',
      notes: '',
    };
  }
  return {
    date: localDate(shift.starts_at, zone),
    start_time: localTime(shift.starts_at, zone),
    end_time: localTime(shift.ends_at, zone),
    skill_id: shift.skill_id ?? '',
    headcount: String(shift.headcount),
    break_minutes: String(shift.break_minutes),
    notes: shift.notes ?? '',
  };
}
