import { z } from 'zod';
import type { TimeOffCreate, TimeOffKind, TimeOffRequest } from '@/client/types.gen';
import { blankToNull } from '@/lib/forms';
import { addDays, dayLabel, localDate, zonedInstant } from '@/lib/time';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const KINDS: { value: TimeOffKind; label: string }[] = [
  { value: 'vacation', label: 'Holiday' },
  { value: 'sick', label: 'Sick' },
  { value: 'other', label: 'Other' },
];

export const timeOffSchema = z
  .object({
    kind: z.enum(['vacation', 'sick', 'other']),
    first_day: z.string().regex(DATE, 'Choose your first day off.'),
    last_day: z.string().regex(DATE, 'Choose your last day off.'),
    reason: z.string().max(1000, 'Keep the reason under 1000 characters.'),
  })
  .refine((v) => !DATE.test(v.first_day) || !DATE.test(v.last_day) || v.last_day >= v.first_day, {
    path: ['last_day'],
    message: 'The last day off cannot be before the first.',
  });

export type TimeOffValues = z.infer<typeof timeOffSchema>;
export const TIME_OFF_FIELDS = ['kind', 'first_day', 'last_day', 'reason'] as const;
export const TIME_OFF_ALIASES = { starts_at: 'first_day', ends_at: 'last_day' } as const;

/** Whole days off, from local midnight of the first to local midnight after the last. */
export function toTimeOffBody(v: TimeOffValues, zone: string): TimeOffCreate {
  return {
    kind: v.kind,
    starts_at: zonedInstant(v.first_day, '00:00', zone).toISOString(),
    ends_at: zonedInstant(addDays(v.last_day, 1), '00:00', zone).toISOString(),
    reason: blankToNull(v.reason),
  };
}

/** "Mon 6 Jul – Fri 10 Jul" in whole days, or with times when the request is not whole days. */
export function periodText(r: Pick<TimeOffRequest, 'starts_at' | 'ends_at'>, zone: string): string {
  const first = localDate(r.starts_at, zone);
  const end = new Date(r.ends_at);
  const lastDay = localDate(new Date(end.getTime() - 1), zone);
  const whole =
    zonedInstant(first, '00:00', zone).getTime() === new Date(r.starts_at).getTime() &&
    zonedInstant(addDays(lastDay, 1), '00:00', zone).getTime() === end.getTime();
  if (whole)
    return first === lastDay ? dayLabel(first) : `${dayLabel(first)} – ${dayLabel(lastDay)}`;
  const fmt = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  return `${fmt(r.starts_at)} – ${fmt(r.ends_at)}`;
}

export const STATE_LABELS: Record<string, string> = {
  pending: 'Waiting for a decision',
  approved: 'Approved',
  denied: 'Denied',
  cancelled: 'Withdrawn',
};
