import { useQuery } from '@tanstack/react-query';
import { meOptions } from '@/client/@tanstack/react-query.gen';
import type { Me, Role } from '@/client/types.gen';

export type { Me, Role };

/** The signed-in user; any feature may read it. */
export function useMe() {
  return useQuery({ ...meOptions(), staleTime: 5 * 60_000 });
}

export function hasRole(me: Me | undefined, ...roles: Role[]): boolean {
  return me !== undefined && roles.includes(me.role);
}
