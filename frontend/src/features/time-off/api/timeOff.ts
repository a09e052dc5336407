import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  approveTimeOffRequestMutation,
  cancelTimeOffRequestMutation,
  createTimeOffRequestMutation,
  denyTimeOffRequestMutation,
  getTimeOffImpactOptions,
  listLocationsOptions,
  listTimeOffRequestsOptions,
} from '@/client/@tanstack/react-query.gen';
import type { TimeOffState } from '@/client/types.gen';

const AFFECTED = new Set([
  'listTimeOffRequests',
  'getTimeOffImpact',
  'listShifts',
  'getSchedule',
  'listAssignments',
]);

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => AFFECTED.has((q.queryKey[0] as { _id?: string } | undefined)?._id ?? ''),
    });
}

export function useTimeOffRequests(filter: { personId?: string | null; state?: TimeOffState }) {
  return useQuery({
    ...listTimeOffRequestsOptions({
      query: { person_id: filter.personId ?? null, state: filter.state ?? null, limit: 200 },
    }),
    enabled: filter.personId !== null,
  });
}

export function useImpact(requestId: string) {
  return useQuery(getTimeOffImpactOptions({ path: { request_id: requestId } }));
}

export function useLocationZones() {
  return useQuery({
    ...listLocationsOptions({ query: { include_archived: true } }),
    staleTime: 5 * 60_000,
  });
}

export function useCreateTimeOff() {
  return useMutation({ ...createTimeOffRequestMutation(), onSuccess: useInvalidate() });
}

export function useCancelTimeOff() {
  return useMutation({ ...cancelTimeOffRequestMutation(), onSuccess: useInvalidate() });
}

export function useApproveTimeOff() {
  return useMutation({ ...approveTimeOffRequestMutation(), onSuccess: useInvalidate() });
}

export function useDenyTimeOff() {
  return useMutation({ ...denyTimeOffRequestMutation(), onSuccess: useInvalidate() });
}
