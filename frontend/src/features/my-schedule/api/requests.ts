import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  acceptShiftRequestMutation,
  cancelShiftRequestMutation,
  claimOpenShiftMutation,
  createShiftRequestMutation,
  getCalendarFeedOptions,
  getCalendarFeedQueryKey,
  listOpenShiftsOptions,
  listPeopleOptions,
  listShiftRequestsOptions,
  listShiftsOptions,
  resetCalendarTokenMutation,
} from '@/client/@tanstack/react-query.gen';

/** What a claim or a request changes: the open seats, my shifts and my requests. */
const AFFECTED = new Set(['listOpenShifts', 'listShiftRequests', 'listAssignments', 'listShifts']);

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

/** Take a shift offered to me, a swap asked of me, or someone's drop. */
export function useAcceptRequest() {
  return useMutation({ ...acceptShiftRequestMutation(), onSuccess: useInvalidate() });
}

/** A location's published shifts in the weeks ahead, to find a colleague's to swap for. */
export function useLocationShiftsAhead(locationId: string | null, now: Date) {
  const start = new Date(now);
  start.setUTCMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 28 * 24 * 3600_000);
  return useQuery({
    ...listShiftsOptions({
      query: {
        location_id: locationId,
        state: 'published',
        start: start.toISOString(),
        end: end.toISOString(),
        limit: 500,
      },
    }),
    enabled: locationId !== null,
  });
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
