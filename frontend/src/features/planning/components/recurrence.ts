/** Daily and weekly shift patterns as RFC 5545 RRULEs. Pure: no React, no API. */

export type Frequency = 'DAILY' | 'WEEKLY';

export interface Recurrence {
  freq: Frequency;
  /** Every n days or weeks, from 1. */
  interval: number;
  /** 0 = Monday … 6 = Sunday; used by weekly patterns. */
  weekdays: number[];
}

export const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Why a pattern cannot be a rule, in words; null when it can. */
export function recurrenceProblem(r: Recurrence): string | null {
  if (!Number.isInteger(r.interval) || r.interval < 1 || r.interval > 99) {
    return 'Repeat every 1 to 99 days or weeks.';
  }
  if (r.freq === 'WEEKLY' && r.weekdays.length === 0) return 'Pick at least one weekday.';
  return null;
}

/** The RRULE for a pattern: FREQ, then INTERVAL when above 1, then BYDAY in week order. */
export function toRrule(r: Recurrence): string {
  const parts = [`FREQ=${r.freq}`];
  if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
  if (r.freq === 'WEEKLY') {
    const days = [...new Set(r.weekdays)].filter((d) => d >= 0 && d <= 6).sort((a, b) => a - b);
    parts.push(`BYDAY=${days.map((d) => BYDAY[d]).join(',')}`);
  }
  return parts.join(';');
}

/**
 * Read a rule back into the editor's pattern; null for rules the editor cannot show
 * (monthly, counts, BYSETPOS…), which are kept as written.
 */
export function fromRrule(rule: string): Recurrence | null {
  const body = rule.trim().replace(/^RRULE:/i, '');
  const fields = new Map<string, string>();
  for (const part of body.split(';')) {
    if (!part) continue;
    const [key, value] = part.split('=');
    if (!key || value === undefined) return null;
    fields.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = fields.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY') return null;
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'WKST']);
  if ([...fields.keys()].some((k) => !known.has(k))) return null;
  const interval = fields.has('INTERVAL') ? Number(fields.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1) return null;
  const byday = fields.get('BYDAY');
  if (freq === 'DAILY') return byday ? null : { freq, interval, weekdays: [] };
  const codes = byday ? byday.split(',') : [];
  const weekdays = codes.map((c) => BYDAY.indexOf(c as (typeof BYDAY)[number]));
  if (weekdays.some((d) => d < 0)) return null;
  return { freq, interval, weekdays: weekdays.sort((a, b) => a - b) };
}

/** "Every weekday", "Every 2 weeks on Mon, Thu", "Every day". */
export function describeRecurrence(r: Recurrence): string {
  if (r.freq === 'DAILY') return r.interval === 1 ? 'Every day' : `Every ${r.interval} days`;
  const days = [...r.weekdays].sort((a, b) => a - b);
  const every = r.interval === 1 ? 'Every' : `Every ${r.interval} weeks on`;
  if (days.join() === '0,1,2,3,4') return r.interval === 1 ? 'Every weekday' : `${every} weekdays`;
  if (days.length === 7) return r.interval === 1 ? 'Every day' : `${every} every day`;
  return `${every} ${days.map((d) => WEEKDAY_NAMES[d]).join(', ')}`;
}

/** A rule in words, or the rule itself when the editor cannot read it. */
export function describeRule(rule: string): string {
  const r = fromRrule(rule);
  return r ? describeRecurrence(r) : rule;
}
