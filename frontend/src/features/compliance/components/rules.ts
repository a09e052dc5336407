import type { RuleCode } from '@/client/types.gen';

/** Each rule in words, in the order a planner thinks of them. */
export const RULES: readonly { code: RuleCode; label: string; hint: string }[] = [
  { code: 'overlap', label: 'Overlapping shifts', hint: 'Two shifts at once.' },
  { code: 'time_off', label: 'Approved time off', hint: 'A shift during approved time off.' },
  { code: 'unavailable', label: 'Unavailable', hint: 'A shift when marked unavailable.' },
  { code: 'not_preferred', label: 'Outside preferred times', hint: 'A shift outside preferences.' },
  { code: 'skill_required', label: 'Required skill', hint: 'The shift’s skill is not held.' },
  { code: 'skill_expired', label: 'Expired skill', hint: 'The skill has expired by then.' },
  { code: 'inactive_person', label: 'Inactive person', hint: 'The person is no longer active.' },
  { code: 'min_rest', label: 'Minimum rest between shifts', hint: '' },
  { code: 'max_shift_length', label: 'Longest shift', hint: '' },
  { code: 'max_hours_per_day', label: 'Most hours in a day', hint: '' },
  { code: 'max_hours_per_week', label: 'Most hours in a week', hint: '' },
  { code: 'max_hours_per_period', label: 'Most hours in the planned period', hint: '' },
  {
    code: 'min_hours_per_period',
    label: 'Fewest hours in the period',
    hint: 'Blank hours per week: the person’s contracted hours.',
  },
  { code: 'max_consecutive_days', label: 'Most consecutive working days', hint: '' },
  { code: 'min_consecutive_days_off', label: 'Fewest consecutive days off', hint: '' },
  { code: 'max_weekends', label: 'Most weekends worked', hint: '' },
  {
    code: 'forbidden_succession',
    label: 'Forbidden successions',
    hint: 'Pairs of shift kinds that may not follow each other, e.g. [["night", "early"]].',
  },
  { code: 'overtime', label: 'Overtime', hint: 'Hours per week past which overtime is paid.' },
];

const PARAMS: Record<string, string> = {
  hours: 'Hours',
  days: 'Days',
  weekends: 'Weekends',
  weeks: 'In how many weeks',
  weekend_days: 'Weekend days (0 = Monday), as a list',
  pairs: 'Pairs, as a list',
  within_hours: 'Within hours',
  hours_per_week: 'Hours per week',
  multiplier: 'Pay multiplier',
};

export function paramLabel(name: string): string {
  return PARAMS[name] ?? name.replaceAll('_', ' ');
}
