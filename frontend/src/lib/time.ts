/** Local dates and times in a location's IANA zone, using only Intl. */

export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parts(instant: Date, zone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(iso: string | Date, zone: string): string {
  const p = parts(new Date(iso), zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "07:00" in the zone. */
export function localTime(iso: string | Date, zone: string): string {
  const p = parts(new Date(iso), zone);
  return `${p.hour}:${p.minute}`;
}

/** Minutes the zone is ahead of UTC at an instant. */
export function offsetMinutes(instant: Date, zone: string): number {
  const p = parts(instant, zone);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The UTC instant of a local wall-clock time ("2026-03-02", "07:00") in a zone. */
export function zonedInstant(date: string, time: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  // Two passes settle the offset even next to a daylight-saving change.
  let instant = new Date(guess - offsetMinutes(new Date(guess), zone) * 60000);
  instant = new Date(guess - offsetMinutes(instant, zone) * 60000);
  return instant;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return t.toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7;
}

/** The Monday on or before a date. */
export function mondayOf(date: string): string {
  return addDays(date, -weekday(date));
}

export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/** True when the zone's clock differs from the viewer's at that moment. */
export function zoneDiffers(zone: string, at: Date = new Date(), viewer = viewerZone()): boolean {
  return zone !== viewer && offsetMinutes(at, zone) !== offsetMinutes(at, viewer);
}

/** "Europe/London (GMT+1)" */
export function zoneName(zone: string, at: Date = new Date()): string {
  const short = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return short ? `${zone} (${short})` : zone;
}

/** Paid hours of a shift: length minus the unpaid break. */
export function paidHours(startIso: string, endIso: string, breakMinutes: number): number {
  const minutes = (new Date(endIso).getTime() - new Date(startIso).getTime()) / 60000;
  return Math.max(0, minutes - breakMinutes) / 60;
}
