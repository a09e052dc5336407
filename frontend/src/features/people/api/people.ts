import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  listLocationsOptions,
  listPeopleOptions,
  listSkillsOptions,
} from '@/client/@tanstack/react-query.gen';
import { createPerson, setPersonSkills, updatePerson } from '@/client/sdk.gen';
import type { PersonCreate, PersonUpdate, SkillHolding } from '@/client/types.gen';

export const PAGE_SIZE = 50;

export function usePeople(q: string, page: number) {
  return useQuery({
    ...listPeopleOptions({
      query: { q: q.trim() || null, limit: PAGE_SIZE, offset: page * PAGE_SIZE },
    }),
    placeholderData: keepPreviousData,
  });
}

export function useSkillChoices() {
  return useQuery(listSkillsOptions());
}

export function useLocationChoices() {
  return useQuery(listLocationsOptions());
}

function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => (q.queryKey[0] as { _id?: string } | undefined)?._id === 'listPeople',
    });
}

export interface SavePerson {
  id: string | null;
  profile: PersonCreate;
  /** For an existing person, the new skills when they changed, else null. */
  skills: SkillHolding[] | null;
}

/** Create a person (skills included), or update a profile and then replace its skills. */
export function useSavePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: async ({ id, profile, skills }: SavePerson) => {
      if (id === null) {
        const { data } = await createPerson({ body: profile, throwOnError: true });
        return data;
      }
      const { skills: _ignored, ...changes } = profile;
      const update: PersonUpdate = changes;
      const { data } = await updatePerson({
        path: { person_id: id },
        body: update,
        throwOnError: true,
      });
      if (skills === null) return data;
      const { data: withSkills } = await setPersonSkills({
        path: { person_id: id },
        body: skills,
        throwOnError: true,
      });
      return withSkills;
    },
    onSettled: invalidate,
  });
}
