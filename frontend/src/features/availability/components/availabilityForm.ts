import { z } from 'zod';
import type { AvailabilityStatus, Slot, SlotIn } from '@/client/types.gen';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];
export const STATUSES: { value: AvailabilityStatus; label: string }[] = [
  { value: 'available', label: 'Available' },
  { value: 'preferred', label: 'Preferred' },
  { value: 'unavailable', label: 'Unavailable' },
];

const slot = z.object({
  weekday: z.string(),
  start_time: z.string().regex(TIME, 'Enter a time as HH:MM.'),
  end_time: z.string().regex(TIME, 'Enter a time as HH:MM.'),
  status: z.enum(['available', 'preferred', 'unavailable']),
});

export const patternSchema = z.object({ slots: z.array(slot).max(100) });
export type PatternValues = z.infer<typeof patternSchema>;

export function toSlots(values: PatternValues): SlotIn[] {
  return values.slots.map((s) => ({ ...s, weekday: Number(s.weekday) }));
}

export function fromSlots(slots: readonly Slot[]): PatternValues {
  return {
    slots: [...slots]
      .sort((a, b) => a.weekday - b.weekday || a.start_time.localeCompare(b.start_time))
      .map((s) => ({
        weekday: String(s.weekday),
        start_time: s.start_time.slice(0, 5),
        end_time: s.end_time.slice(0, 5),
        status: s.status,
      })),
  };
}

/** Every field name a row has, for putting the API's field errors beside them. */
export function slotFieldNames(count: number): `slots.${number}.${keyof SlotIn}`[] {
  const names: `slots.${number}.${keyof SlotIn}`[] = [];
  for (let i = 0; i < count; i++) {
    for (const f of ['weekday', 'start_time', 'end_time', 'status'] as const) {
      names.push(`slots.${i}.${f}`);
    }
  }
  return names;
}

export const exceptionSchema = z
  .object({
    exception_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose the day.'),
    whole_day: z.boolean(),
    start_time: z.string(),
    end_time: z.string(),
    status: z.enum(['available', 'preferred', 'unavailable']),
    note: z.string().max(500, 'Keep the note under 500 characters.'),
  })
  .superRefine((v, ctx) => {
    if (v.whole_day) return;
    if (!TIME.test(v.start_time)) {
      ctx.addIssue({ code: 'custom', path: ['start_time'], message: 'Enter a time as HH:MM.' });
    }
    if (!TIME.test(v.end_time)) {
      ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'Enter a time as HH:MM.' });
    }
  });
export type ExceptionValues = z.infer<typeof exceptionSchema>;
