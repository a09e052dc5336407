import { AvailabilityPage } from '@/features/availability';
import { useMe } from '@/lib/session';

export function AvailabilityRoute() {
  const me = useMe().data;
  return me ? <AvailabilityPage personId={me.person_id} /> : null;
}
