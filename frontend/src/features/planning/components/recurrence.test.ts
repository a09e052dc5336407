import { describe, expect, it } from 'vitest';
import {
  describeRecurrence,
  describeRule,
  fromRrule,
  recurrenceProblem,
  toRrule,
} from './recurrence';

describe('recurrence → RRULE', () => {
  it('writes daily and weekly patterns', () => {
    expect(toRrule({ freq: 'DAILY', interval: 1, weekdays: [] })).toBe('FREQ=DAILY');
    expect(toRrule({ freq: 'DAILY', interval: 3, weekdays: [2] })).toBe('FREQ=DAILY;INTERVAL=3');
    expect(toRrule({ freq: 'WEEKLY', interval: 1, weekdays: [4, 0, 2, 2] })).toBe(
      'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    );
    expect(toRrule({ freq: 'WEEKLY', interval: 2, weekdays: [5, 6] })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU',
    );
  });

  it('reads back what it writes, and the server’s spelling', () => {
    const r = { freq: 'WEEKLY' as const, interval: 2, weekdays: [0, 3] };
    expect(fromRrule(toRrule(r))).toEqual(r);
    expect(fromRrule('RRULE:byday=TU,MO;freq=weekly')).toEqual({
      freq: 'WEEKLY',
      interval: 1,
      weekdays: [0, 1],
    });
    expect(fromRrule('FREQ=DAILY;INTERVAL=2')).toEqual({
      freq: 'DAILY',
      interval: 2,
      weekdays: [],
    });
  });

  it('leaves rules it cannot show as written', () => {
    expect(fromRrule('FREQ=MONTHLY;BYMONTHDAY=1')).toBeNull();
    expect(fromRrule('FREQ=WEEKLY;BYDAY=MO;COUNT=4')).toBeNull();
    expect(fromRrule('FREQ=WEEKLY;BYDAY=1MO')).toBeNull();
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=1')).toBe('FREQ=MONTHLY;BYMONTHDAY=1');
  });

  it('explains patterns that cannot be rules', () => {
    expect(recurrenceProblem({ freq: 'WEEKLY', interval: 1, weekdays: [] })).toBe(
      'Pick at least one weekday.',
    );
    expect(recurrenceProblem({ freq: 'DAILY', interval: 0, weekdays: [] })).toMatch(/1 to 99/);
    expect(recurrenceProblem({ freq: 'DAILY', interval: 1, weekdays: [] })).toBeNull();
  });

  it('describes patterns in words', () => {
    expect(describeRecurrence({ freq: 'WEEKLY', interval: 1, weekdays: [0, 1, 2, 3, 4] })).toBe(
      'Every weekday',
    );
    expect(describeRecurrence({ freq: 'WEEKLY', interval: 2, weekdays: [0, 3] })).toBe(
      'Every 2 weeks on Mon, Thu',
    );
    expect(describeRule('FREQ=DAILY')).toBe('Every day');
  });
});
