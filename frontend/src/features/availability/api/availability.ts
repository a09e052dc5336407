import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createExceptionMutation,
  deleteExceptionMutation,
  getAvailabilityOptions,
  replacePatternMutation,
} from '@/client/@tanstack/react-query.gen';

export function useAvailability(personId: string | null, startDate: string, endDate: string) {
  return useQuery({
    ...getAvailabilityOptions({
      query: { person_id: personId, start_date: startDate, end_date: endDate },
    }),
    enabled: personId !== null,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => (q.queryKey[0] as { _id?: string } | undefined)?._id === 'getAvailability',
    });
}

export function useReplacePattern() {
  return useMutation({ ...replacePatternMutation(), onSuccess: useInvalidate() });
}

export function useCreateException() {
  return useMutation({ ...createExceptionMutation(), onSuccess: useInvalidate() });
}

export function useDeleteException() {
  return useMutation({ ...deleteExceptionMutation(), onSuccess: useInvalidate() });
}
