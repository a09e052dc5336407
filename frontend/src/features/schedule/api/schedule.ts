import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getScheduleOptions,
  listCandidatesOptions,
  listLocationsOptions,
  listSkillsOptions,
} from '@/client/@tanstack/react-query.gen';
import { createAssignment } from '@/client/sdk.gen';
import type { Period } from './period';

/** Queries whose answer changes when someone is assigned. */
const AFFECTED = new Set(['getSchedule', 'listShifts', 'listCandidates', 'listAssignments']);

export function useInvalidateSchedule() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => AFFECTED.has((q.queryKey[0] as { _id?: string } | undefined)?._id ?? ''),
    });
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

export type { Period };

export function scheduleGridOptions(period: Period | null) {
  return getScheduleOptions({
    query: {
      location_id: period?.locationId ?? '',
      start_date: period?.startDate ?? '',
      days: period?.days ?? 7,
    },
  });
}

/**
 * The whole grid in one answer: shifts, seats, the people shown with their hours in the
 * period against contract, and every current rule violation.
 */
export function useScheduleGrid(period: Period | null) {
  return useQuery({ ...scheduleGridOptions(period), enabled: period !== null });
}

export interface AssignInput {
  shiftId: string;
  personId: string;
  overrideReason?: string;
}

export function useAssign() {
  const invalidate = useInvalidateSchedule();
  return useMutation({
    mutationFn: async ({ shiftId, personId, overrideReason }: AssignInput) => {
      const { data } = await createAssignment({
        path: { shift_id: shiftId },
        body: { person_id: personId, override_reason: overrideReason ?? null },
        throwOnError: true,
      });
      return data;
    },
    onSettled: invalidate,
  });
}

/** Qualified people for a seat on the shift, best first, with the reasons. */
export function useCandidates(shiftId: string) {
  return useQuery(listCandidatesOptions({ path: { shift_id: shiftId }, query: { limit: 20 } }));
}
