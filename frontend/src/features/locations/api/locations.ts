import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createLocationMutation,
  listLocationsOptions,
  listLocationsQueryKey,
  listUsersOptions,
  updateLocationMutation,
} from '@/client/@tanstack/react-query.gen';

export function useLocations(includeArchived: boolean) {
  return useQuery(listLocationsOptions({ query: { include_archived: includeArchived } }));
}

function useInvalidateLocations() {
  const queryClient = useQueryClient();
  // Every variant of the list (with and without archived) is stale after a change.
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) =>
        (q.queryKey[0] as { _id?: string } | undefined)?._id === listLocationsQueryKey()[0]._id,
    });
}

export function useCreateLocation() {
  const invalidate = useInvalidateLocations();
  return useMutation({ ...createLocationMutation(), onSuccess: invalidate });
}

export function useUpdateLocation() {
  const invalidate = useInvalidateLocations();
  return useMutation({ ...updateLocationMutation(), onSuccess: invalidate });
}

/** Coordinator logins an admin may put in charge of a location. */
export function useCoordinators() {
  return useQuery({
    ...listUsersOptions({ query: { role: 'coordinator', active: true, limit: 500 } }),
    select: (page) => page.items,
  });
}
