import type { OpenReason, OpenSeat } from '@/client/types.gen';

const WORDS: Record<OpenReason, string> = {
  no_one_qualified: 'No one here holds the skill.',
  all_blocked: 'Everyone qualified is blocked by a rule.',
  too_costly: 'Filling it costs more than leaving it open.',
  not_proven: 'The solver ran out of time before filling it.',
  refused: 'The rule engine refused the solver’s pick.',
};

/** Why the auto-scheduler left a seat open, in words, naming a few people it could not use. */
export function openReasonText(seat: OpenSeat): string {
  const base = WORDS[seat.reason] ?? 'Left open.';
  const blocked = seat.blocked ?? [];
  if (blocked.length === 0) return base;
  const names = blocked
    .slice(0, 3)
    .map(
      (b) => `${b.person_display_name} (${b.rules.map((r) => r.replaceAll('_', ' ')).join(', ')})`,
    )
    .join('; ');
  const more = blocked.length > 3 ? ` and ${blocked.length - 3} more` : '';
  return `${base} Blocked: ${names}${more}.`;
}
