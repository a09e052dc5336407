import { useQuery } from '@tanstack/react-query';
import { listAssignmentsOptions, listLocationsOptions } from '@/client/@tanstack/react-query.gen';

const WEEKS_AHEAD = 4;

/** My live assignments from the start of today (UTC-safe: a day back) to four weeks ahead. */
export function useMyAssignments(personId: string | null, now: Date) {
  const start = new Date(now.getTime() - 24 * 3600_000);
  const end = new Date(now.getTime() + WEEKS_AHEAD * 7 * 24 * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  end.setUTCMinutes(0, 0, 0);
  return useQuery({
    ...listAssignmentsOptions({
      query: {
        person_id: personId,
        state: 'assigned',
        start: start.toISOString(),
        end: end.toISOString(),
        limit: 500,
      },
    }),
    enabled: personId !== null,
  });
}

export function useLocationZones() {
  return useQuery({
    ...listLocationsOptions({ query: { include_archived: true } }),
    select: (locations) => new Map(locations.map((l) => [l.id, l])),
  });
}
