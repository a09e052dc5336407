import { Navigate } from 'react-router';
import { homeFor } from '@/app/navigation';
import { useMe } from '@/lib/session';

export function HomeRoute() {
  const me = useMe();
  return me.data ? <Navigate to={homeFor(me.data.role)} replace /> : null;
}
