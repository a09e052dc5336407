import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  archiveShiftTemplateMutation,
  cancelShiftMutation,
  copyShiftsMutation,
  createShiftMutation,
  createShiftTemplateMutation,
  generateShiftsMutation,
  listLocationsOptions,
  listShiftTemplatesOptions,
  listSkillsOptions,
  publishScheduleMutation,
  updateShiftMutation,
  updateShiftTemplateMutation,
} from '@/client/@tanstack/react-query.gen';

const SHIFT_QUERIES = new Set([
  'listShifts',
  'getShift',
  'getSchedule',
  'listAssignments',
  'listOpenShifts',
]);

/** Any shift list the app shows (the week grid, My schedule) is stale after a change here. */
function useInvalidateShifts() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) =>
        SHIFT_QUERIES.has((q.queryKey[0] as { _id?: string } | undefined)?._id ?? ''),
    });
}

function useInvalidateTemplates() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) =>
        (q.queryKey[0] as { _id?: string } | undefined)?._id === 'listShiftTemplates',
    });
}

export function useSkillChoices() {
  return useQuery({ ...listSkillsOptions(), staleTime: 60_000 });
}

export function useCreateShift() {
  return useMutation({ ...createShiftMutation(), onSuccess: useInvalidateShifts() });
}

export function useUpdateShift() {
  return useMutation({ ...updateShiftMutation(), onSuccess: useInvalidateShifts() });
}

export function useCancelShift() {
  return useMutation({ ...cancelShiftMutation(), onSuccess: useInvalidateShifts() });
}

export function useCopyShifts() {
  return useMutation({ ...copyShiftsMutation(), onSuccess: useInvalidateShifts() });
}

export function useTemplates(locationId: string | null) {
  return useQuery({
    ...listShiftTemplatesOptions({ query: { location_id: locationId, limit: 200 } }),
    enabled: locationId !== null,
  });
}

export function useCreateTemplate() {
  return useMutation({ ...createShiftTemplateMutation(), onSuccess: useInvalidateTemplates() });
}

export function useUpdateTemplate() {
  const templates = useInvalidateTemplates();
  const shifts = useInvalidateShifts();
  return useMutation({
    ...updateShiftTemplateMutation(),
    onSuccess: () => Promise.all([templates(), shifts()]),
  });
}

export function useArchiveTemplate() {
  return useMutation({ ...archiveShiftTemplateMutation(), onSuccess: useInvalidateTemplates() });
}

export function useGenerateShifts() {
  return useMutation({ ...generateShiftsMutation(), onSuccess: useInvalidateShifts() });
}

export function usePlanningLocations(locationIds: readonly string[] | null) {
  return useQuery({
    ...listLocationsOptions(),
    select: (all) =>
      all.filter((l) => !l.archived_at && (locationIds === null || locationIds.includes(l.id))),
  });
}

export function usePublish() {
  return useMutation({ ...publishScheduleMutation(), onSuccess: useInvalidateShifts() });
}
