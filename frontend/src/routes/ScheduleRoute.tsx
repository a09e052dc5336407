import { useState } from 'react';
import { PlanningActions, ShiftEditor } from '@/features/planning';
import { type PlanningContext, SchedulePage, type ShiftView } from '@/features/schedule';
import { useMe } from '@/lib/session';

type Editing = { shift: ShiftView; context: PlanningContext } | null;

export function ScheduleRoute() {
  const me = useMe().data;
  const [editing, setEditing] = useState<Editing>(null);
  if (!me) return null;
  return (
    <>
      {/* Admins plan every location; coordinators the ones they run. */}
      <SchedulePage
        locationIds={me.role === 'admin' ? null : me.location_ids}
        planning={(ctx) => (
          <PlanningActions location={ctx.location} weekStart={ctx.weekStart} days={ctx.days} />
        )}
        onOpenShift={(shift, context) => setEditing({ shift, context })}
      />
      {editing && (
        <ShiftEditor
          location={editing.context.location}
          shift={editing.shift}
          day={editing.context.weekStart}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
