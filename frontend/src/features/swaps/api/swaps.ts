import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  approveShiftRequestMutation,
  denyShiftRequestMutation,
  listShiftRequestsOptions,
} from '@/client/@tanstack/react-query.gen';

const AFFECTED = new Set([
  'listShiftRequests',
  'listShifts',
  'getSchedule',
  'listAssignments',
  'listOpenShifts',
]);

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => AFFECTED.has((q.queryKey[0] as { _id?: string } | undefined)?._id ?? ''),
    });
}

/**
 * accepted: a colleague agreed, they wait for a coordinator; pending: still waiting for the
 * colleague (a coordinator may already deny them).
 */
export function useAwaitingApproval(state: 'accepted' | 'pending' = 'accepted') {
  return useQuery(listShiftRequestsOptions({ query: { state, limit: 200 } }));
}

export function useApproveRequest() {
  return useMutation({ ...approveShiftRequestMutation(), onSuccess: useInvalidate() });
}

export function useDenyRequest() {
  return useMutation({ ...denyShiftRequestMutation(), onSuccess: useInvalidate() });
}
