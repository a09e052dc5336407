import { describe, expect, it } from 'vitest';
import type { NotificationPreferences } from '@/client/types.gen';
import { preferencesSchema, toBody, toForm } from './preferencesForm';

const PREFS = {
  person_id: 'p1',
  channels: { assigned: ['in_app', 'email'], reminder: ['in_app', 'sms'] },
  default_channels: { assigned: ['in_app', 'email'], reminder: ['in_app', 'sms'] },
  customised_kinds: [],
  quiet_hours_start: null,
  quiet_hours_end: null,
  reminder_offsets_minutes: [120],
  time_zone: 'Europe/London',
  time_zone_choice: null,
} as unknown as NotificationPreferences;

describe('notification settings', () => {
  it('sends only the kinds changed from the defaults', () => {
    const values = toForm(PREFS);
    expect(values.channels.assigned).toMatchObject({ in_app: true, email: true, sms: false });
    values.channels.reminder = { in_app: true, email: false, sms: false, teams: false };
    values.reminders = '120, 1440';
    values.quiet_hours_start = '22:00';
    values.quiet_hours_end = '07:00';
    expect(toBody(values, PREFS)).toEqual({
      channels: { reminder: ['in_app'] },
      quiet_hours_start: '22:00',
      quiet_hours_end: '07:00',
      reminder_offsets_minutes: [120, 1440],
      time_zone: null,
    });
  });

  it('wants both ends of quiet hours and reminders in whole minutes', () => {
    const values = { ...toForm(PREFS), quiet_hours_start: '22:00', reminders: '2 hours' };
    const result = preferencesSchema.safeParse(values);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['reminders', 'Write minutes before the shift, separated by commas (at most 10080, a week).'],
      ['quiet_hours_end', 'Give both the start and the end of quiet hours, or neither.'],
    ]);
  });
});
