import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getLocationRulesOptions,
  getOrganisationRulesOptions,
  getPersonRulesOptions,
  listLocationsOptions,
  listPeopleOptions,
} from '@/client/@tanstack/react-query.gen';
import { putLocationRules, putOrganisationRules, putPersonRules } from '@/client/sdk.gen';
import type { RuleLayer, RuleLayerUpdate } from '@/client/types.gen';

/** Which layer is being edited: the organisation's, a location's or a person's. */
export type Scope =
  | { kind: 'organisation' }
  | { kind: 'location'; id: string }
  | { kind: 'person'; id: string };

const LAYERS = new Set([
  'getOrganisationRules',
  'getLocationRules',
  'getPersonRules',
  'getComplianceRules',
  'getSchedule',
]);

export function useRuleLayer(scope: Scope) {
  const org = useQuery({
    ...getOrganisationRulesOptions(),
    enabled: scope.kind === 'organisation',
  });
  const location = useQuery({
    ...getLocationRulesOptions({
      path: { location_id: scope.kind === 'location' ? scope.id : '' },
    }),
    enabled: scope.kind === 'location',
  });
  const person = useQuery({
    ...getPersonRulesOptions({ path: { person_id: scope.kind === 'person' ? scope.id : '' } }),
    enabled: scope.kind === 'person',
  });
  return scope.kind === 'organisation' ? org : scope.kind === 'location' ? location : person;
}

export function useSaveRuleLayer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ scope, body }: { scope: Scope; body: RuleLayerUpdate }) => {
      const options = { body, throwOnError: true as const };
      const { data } =
        scope.kind === 'organisation'
          ? await putOrganisationRules(options)
          : scope.kind === 'location'
            ? await putLocationRules({ ...options, path: { location_id: scope.id } })
            : await putPersonRules({ ...options, path: { person_id: scope.id } });
      return data as RuleLayer;
    },
    onSuccess: () =>
      queryClient.invalidateQueries({
        predicate: (q) => LAYERS.has((q.queryKey[0] as { _id?: string } | undefined)?._id ?? ''),
      }),
  });
}

export function useLocationChoices() {
  return useQuery(listLocationsOptions());
}

export function usePeopleSearch(q: string) {
  return useQuery({
    ...listPeopleOptions({ query: { q: q.trim() || null, active: true, limit: 20 } }),
  });
}
