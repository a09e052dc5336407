import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  listCandidatesOptions,
  listLocationsOptions,
  listShiftsQueryKey,
  listSkillsOptions,
} from '@/client/@tanstack/react-query.gen';
import { createAssignment, listPeople, listShifts } from '@/client/sdk.gen';
import type { Person, Shift } from '@/client/types.gen';

const PAGE = 500;

/** Follow next_offset until the last page: a week of one location is a bounded set. */
async function allPages<T>(
  fetchPage: (offset: number) => Promise<{ items: T[]; next_offset?: number | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let offset: number | null | undefined = 0;
  while (offset != null) {
    const page: { items: T[]; next_offset?: number | null } = await fetchPage(offset);
    items.push(...page.items);
    offset = page.next_offset;
  }
  return items;
}

export function useLocationsForPlanning() {
  return useQuery(listLocationsOptions());
}

export function useSkillNames() {
  return useQuery({
    ...listSkillsOptions(),
    select: (skills) => new Map(skills.map((s) => [s.id, s.name])),
  });
}

export interface Period {
  locationId: string;
  start: string;
  end: string;
}

export function useWeekShifts(period: Period | null) {
  const query = period
    ? { location_id: period.locationId, start: period.start, end: period.end }
    : undefined;
  return useQuery({
    queryKey: listShiftsQueryKey({ query }),
    enabled: period !== null,
    queryFn: ({ signal }) =>
      allPages<Shift>(async (offset) => {
        const { data } = await listShifts({
          query: { ...query, limit: PAGE, offset },
          signal,
          throwOnError: true,
        });
        return data;
      }),
  });
}

export function useLocationPeople(locationId: string | null) {
  return useQuery({
    queryKey: ['schedule-people', locationId],
    enabled: locationId !== null,
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      allPages<Person>(async (offset) => {
        const { data } = await listPeople({
          query: { location_id: locationId, active: true, limit: PAGE, offset },
          signal,
          throwOnError: true,
        });
        return data;
      }),
  });
}

export interface AssignInput {
  shiftId: string;
  personId: string;
  overrideReason?: string;
}

export function useAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ shiftId, personId, overrideReason }: AssignInput) => {
      const { data } = await createAssignment({
        path: { shift_id: shiftId },
        body: { person_id: personId, override_reason: overrideReason ?? null },
        throwOnError: true,
      });
      return data;
    },
    onSettled: () =>
      queryClient.invalidateQueries({
        predicate: (q) => (q.queryKey[0] as { _id?: string } | undefined)?._id === 'listShifts',
      }),
  });
}

/** Qualified people for a seat on the shift, best first, with the reasons. */
export function useCandidates(shiftId: string) {
  return useQuery(listCandidatesOptions({ path: { shift_id: shiftId }, query: { limit: 20 } }));
}
