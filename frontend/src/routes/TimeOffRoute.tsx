import { TimeOffPage } from '@/features/time-off';
import { useMe } from '@/lib/session';

export function TimeOffRoute() {
  const me = useMe().data;
  return me ? <TimeOffPage personId={me.person_id} /> : null;
}
