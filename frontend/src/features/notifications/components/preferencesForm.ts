import { z } from 'zod';
import type {
  Channel,
  MessageKind,
  NotificationPreferences,
  NotificationPreferencesUpdate,
} from '@/client/types.gen';
import { CHANNELS, KINDS } from './topics';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const preferencesSchema = z
  .object({
    channels: z.record(z.string(), z.record(z.string(), z.boolean())),
    quiet_hours_start: z.string(),
    quiet_hours_end: z.string(),
    reminders: z.string().refine(
      (v) =>
        v.trim() === '' ||
        v.split(',').every((part) => {
          const n = Number(part.trim());
          return Number.isInteger(n) && n > 0 && n <= 10080;
        }),
      'Write minutes before the shift, separated by commas (at most 10080, a week).',
    ),
    time_zone: z.string(),
  })
  .superRefine((v, ctx) => {
    for (const key of ['quiet_hours_start', 'quiet_hours_end'] as const) {
      if (v[key] !== '' && !HHMM.test(v[key])) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'Use a time like 22:00.' });
      }
    }
    if ((v.quiet_hours_start === '') !== (v.quiet_hours_end === '')) {
      const missing = v.quiet_hours_start === '' ? 'quiet_hours_start' : 'quiet_hours_end';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'Give both the start and the end of quiet hours, or neither.',
      });
    }
  });

export type PreferencesValues = z.infer<typeof preferencesSchema>;
export const PREFERENCE_FIELDS = [
  'quiet_hours_start',
  'quiet_hours_end',
  'reminders',
  'time_zone',
] as const;
export const PREFERENCE_ALIASES = { reminder_offsets_minutes: 'reminders' } as const;

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : '');

export function toForm(p: NotificationPreferences): PreferencesValues {
  const channels: Record<string, Record<string, boolean>> = {};
  for (const { kind } of KINDS) {
    const on = new Set(p.channels[kind] ?? []);
    channels[kind] = Object.fromEntries(CHANNELS.map(({ channel }) => [channel, on.has(channel)]));
  }
  return {
    channels,
    quiet_hours_start: hhmm(p.quiet_hours_start),
    quiet_hours_end: hhmm(p.quiet_hours_end),
    reminders: p.reminder_offsets_minutes.join(', '),
    time_zone: p.time_zone_choice ?? '',
  };
}

/** Only kinds that differ from the defaults (or were already chosen) are sent as choices. */
export function toBody(
  v: PreferencesValues,
  p: NotificationPreferences,
): NotificationPreferencesUpdate {
  const channels: Partial<Record<MessageKind, Channel[]>> = {};
  for (const { kind } of KINDS) {
    const chosen = CHANNELS.filter(({ channel }) => v.channels[kind]?.[channel]).map(
      (c) => c.channel,
    );
    const defaults = [...(p.default_channels[kind] ?? [])].sort().join();
    if (p.customised_kinds.includes(kind) || [...chosen].sort().join() !== defaults) {
      channels[kind] = chosen;
    }
  }
  return {
    channels,
    quiet_hours_start: v.quiet_hours_start || null,
    quiet_hours_end: v.quiet_hours_end || null,
    reminder_offsets_minutes:
      v.reminders.trim() === '' ? [] : v.reminders.split(',').map((m) => Number(m.trim())),
    time_zone: v.time_zone.trim() || null,
  };
}
