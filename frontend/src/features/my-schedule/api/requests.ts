import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  cancelShiftRequestMutation,
  claimOpenShiftMutation,
  createShiftRequestMutation,
  getCalendarFeedOptions,
  getCalendarFeedQueryKey,
  listOpenShiftsOptions,
  listPeopleOptions,
  listShiftRequestsOptions,
  resetCalendarTokenMutation,
} from '@/client/@tanstack/react-query.gen';

/** What a claim or a request changes: the open seats, my shifts and my requests. */
const AFFECTED = new Set(['listOpenShifts', 'listShiftRequests', 'listAssignments']);

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => AFFECTED.has((q.queryKey[0] as { _id?: string } | undefined)?._id ?? ''),
    });
}

/** Open seats of published shifts in the next four weeks, each with my claim verdict. */
export function useOpenShifts(enabled: boolean) {
  return useQuery({ ...listOpenShiftsOptions({ query: { limit: 100 } }), enabled });
}

export function useClaim() {
  return useMutation({ ...claimOpenShiftMutation(), onSuccess: useInvalidate() });
}

/** Requests I may see: mine, those naming me, open drops; newest first. */
export function useMyRequests(enabled: boolean) {
  return useQuery({ ...listShiftRequestsOptions({ query: { limit: 100 } }), enabled });
}

export function useCreateRequest() {
  return useMutation({ ...createShiftRequestMutation(), onSuccess: useInvalidate() });
}

export function useCancelRequest() {
  return useMutation({ ...cancelShiftRequestMutation(), onSuccess: useInvalidate() });
}

/** Active colleagues at a location, to offer a shift to. */
export function useColleagues(locationId: string | null) {
  return useQuery({
    ...listPeopleOptions({ query: { location_id: locationId, active: true, limit: 200 } }),
    enabled: locationId !== null,
  });
}

/** My private calendar-feed URL (404 until I first create one). */
export function useCalendarFeed(enabled: boolean) {
  return useQuery({ ...getCalendarFeedOptions(), enabled, retry: false });
}

export function useResetCalendarToken() {
  const queryClient = useQueryClient();
  return useMutation({
    ...resetCalendarTokenMutation(),
    onSuccess: (feed) => queryClient.setQueryData(getCalendarFeedQueryKey(), feed),
  });
}
