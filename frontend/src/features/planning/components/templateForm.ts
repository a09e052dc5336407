import { z } from 'zod';
import type { Template, TemplateCreate } from '@/client/types.gen';
import { blankToNull } from '@/lib/forms';
import { fromRrule, recurrenceProblem, toRrule } from './recurrence';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const whole = (what: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, {
      message: `${what} must be a whole number from ${min} to ${max}.`,
    });

export const templateSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the pattern, e.g. “Weekday early”.').max(200),
    freq: z.enum(['DAILY', 'WEEKLY']),
    interval: whole('The repeat', 1, 99),
    weekdays: z.array(z.number()),
    /** A rule the editor cannot show (monthly…), kept unless the pattern is changed. */
    custom_rrule: z.string(),
    starts_on_date: z.string().regex(DATE, 'Choose the first day of the pattern.'),
    until_date: z.string().refine((v) => v === '' || DATE.test(v), 'Choose a date or leave empty.'),
    start_time: z.string().regex(TIME, 'Enter the start time as HH:MM, e.g. 07:00.'),
    end_time: z.string().regex(TIME, 'Enter the end time as HH:MM, e.g. 15:00.'),
    skill_id: z.string(),
    headcount: whole('Headcount', 1, 100),
    break_minutes: whole('The break', 0, 1440),
    notes: z.string().max(2000, 'Keep the notes under 2000 characters.'),
  })
  .superRefine((v, ctx) => {
    if (!v.custom_rrule) {
      const problem = recurrenceProblem({
        freq: v.freq,
        interval: Number(v.interval),
        weekdays: v.weekdays,
      });
      if (problem) ctx.addIssue({ code: 'custom', path: ['weekdays'], message: problem });
    }
    if (v.until_date && v.until_date < v.starts_on_date) {
      ctx.addIssue({
        code: 'custom',
        path: ['until_date'],
        message: 'End the pattern after it starts.',
      });
    }
    if (v.start_time === v.end_time) {
      ctx.addIssue({
        code: 'custom',
        path: ['end_time'],
        message: 'The shift must end at a different time than it starts.',
      });
    }
  });

export type TemplateValues = z.infer<typeof templateSchema>;

export const TEMPLATE_FIELDS = [
  'name',
  'weekdays',
  'starts_on_date',
  'until_date',
  'start_time',
  'end_time',
  'skill_id',
  'headcount',
  'break_minutes',
  'notes',
] as const;

/** The API's `rrule` is the form's weekday picks. */
export const TEMPLATE_ALIASES = { rrule: 'weekdays' } as const;

export function ruleOf(v: TemplateValues): string {
  return (
    v.custom_rrule || toRrule({ freq: v.freq, interval: Number(v.interval), weekdays: v.weekdays })
  );
}

export function toTemplateBody(v: TemplateValues, locationId: string): TemplateCreate {
  return {
    location_id: locationId,
    name: v.name.trim(),
    rrule: ruleOf(v),
    starts_on_date: v.starts_on_date,
    until_date: v.until_date || null,
    start_time: v.start_time,
    end_time: v.end_time,
    skill_id: v.skill_id || null,
    headcount: Number(v.headcount),
    break_minutes: Number(v.break_minutes),
    notes: blankToNull(v.notes),
  };
}

export function fromTemplate(t: Template | null, today: string): TemplateValues {
  const r = t ? fromRrule(t.rrule) : null;
  return {
    name: t?.name ?? '',
    freq: r?.freq ?? 'WEEKLY',
    interval: String(r?.interval ?? 1),
    weekdays: r?.weekdays ?? (t ? [] : [0, 1, 2, 3, 4]),
    custom_rrule: t && !r ? t.rrule : '',
    starts_on_date: t?.starts_on_date ?? today,
    until_date: t?.until_date ?? '',
    start_time: t?.start_time.slice(0, 5) ?? '07:00',
    end_time: t?.end_time.slice(0, 5) ?? '15:00',
    skill_id: t?.skill_id ?? '',
    headcount: String(t?.headcount ?? 1),
    break_minutes: String(t?.break_minutes ?? 30),
    notes: t?.notes ?? '',
  };
}
