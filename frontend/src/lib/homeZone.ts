import { useQuery } from '@tanstack/react-query';
import { getPersonOptions, listLocationsOptions } from '@/client/@tanstack/react-query.gen';
import { viewerZone } from './time';

/**
 * The time zone of a person's home location: where their whole days off and availability
 * are reckoned. Falls back to the viewer's zone while loading or when there is no home.
 */
export function useHomeZone(personId: string | null): { zone: string; place: string | null } {
  const person = useQuery({
    ...getPersonOptions({ path: { person_id: personId ?? '' } }),
    enabled: personId !== null,
    staleTime: 5 * 60_000,
  });
  const locations = useQuery({
    ...listLocationsOptions({ query: { include_archived: true } }),
    staleTime: 5 * 60_000,
  });
  const home = locations.data?.find((l) => l.id === person.data?.home_location_id);
  return { zone: home?.time_zone ?? viewerZone(), place: home?.name ?? null };
}
