import { LocationsPage } from '@/features/locations';
import { hasRole, useMe } from '@/lib/session';

export function LocationsRoute() {
  const me = useMe().data;
  return <LocationsPage canEdit={hasRole(me, 'admin')} />;
}
