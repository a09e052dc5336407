import { MySchedulePage } from '@/features/my-schedule';
import { useMe } from '@/lib/session';

export function MyScheduleRoute() {
  const me = useMe().data;
  return me ? <MySchedulePage personId={me.person_id} /> : null;
}
