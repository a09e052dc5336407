import { SchedulePage } from '@/features/schedule';
import { useMe } from '@/lib/session';

export function ScheduleRoute() {
  const me = useMe().data;
  if (!me) return null;
  // Admins plan every location; coordinators the ones they run.
  return <SchedulePage locationIds={me.role === 'admin' ? null : me.location_ids} />;
}
