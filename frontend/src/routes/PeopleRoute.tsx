import { PeoplePage } from '@/features/people';
import { hasRole, useMe } from '@/lib/session';

export function PeopleRoute() {
  const me = useMe().data;
  return <PeoplePage canEdit={hasRole(me, 'admin')} />;
}
