import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createSkillMutation,
  listSkillsOptions,
  listSkillsQueryKey,
  updateSkillMutation,
} from '@/client/@tanstack/react-query.gen';

export function useSkills() {
  return useQuery(listSkillsOptions());
}

function useInvalidateSkills() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: listSkillsQueryKey() });
}

export function useCreateSkill() {
  const invalidate = useInvalidateSkills();
  return useMutation({ ...createSkillMutation(), onSuccess: invalidate });
}

export function useUpdateSkill() {
  const invalidate = useInvalidateSkills();
  return useMutation({ ...updateSkillMutation(), onSuccess: invalidate });
}
