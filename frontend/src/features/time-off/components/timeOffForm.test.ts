import { describe, expect, it } from 'vitest';
import { periodText, timeOffSchema, toTimeOffBody } from './timeOffForm';

describe('time-off form', () => {
  it('sends whole days from local midnight to the midnight after the last day', () => {
    const body = toTimeOffBody(
      { kind: 'vacation', first_day: '2026-03-27', last_day: '2026-03-30', reason: ' ' },
      'Europe/London',
    );
    // The clocks go forward on 29 March: midnight on the 31st is 23:00 UTC on the 30th.
    expect(body).toEqual({
      kind: 'vacation',
      starts_at: '2026-03-27T00:00:00.000Z',
      ends_at: '2026-03-30T23:00:00.000Z',
      reason: null,
    });
    expect(periodText(body, 'Europe/London')).toBe('Fri 27 Mar – Mon 30 Mar');
  });

  it('refuses a last day before the first, in words', () => {
    const parsed = timeOffSchema.safeParse({
      kind: 'sick',
      first_day: '2026-03-10',
      last_day: '2026-03-09',
      reason: '',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('The last day off cannot be before the first.');
  });

  it('shows times when a request is not whole days', () => {
    expect(
      periodText(
        { starts_at: '2026-03-10T13:00:00Z', ends_at: '2026-03-10T17:00:00Z' },
        'Europe/London',
      ),
    ).toBe('Tue 10 Mar, 13:00 – Tue 10 Mar, 17:00');
  });
});
