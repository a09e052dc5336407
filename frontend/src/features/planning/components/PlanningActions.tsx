import { Button } from '@fluentui/react-components';
import { AddRegular, CopyRegular, SendRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Location } from '@/client/types.gen';
import { CopyWeekDialog, PublishDialog, ShiftEditor } from './lazyDialogs';

interface Props {
  location: Location;
  weekStart: string;
  days?: number;
}

/** The week grid's planning buttons: a new shift, copy or publish the period shown. */
export function PlanningActions({ location, weekStart, days = 7 }: Props) {
  const [open, setOpen] = useState<'shift' | 'copy' | 'publish' | null>(null);
  return (
    <>
      <Button icon={<AddRegular />} onClick={() => setOpen('shift')}>
        New shift
      </Button>
      <Button icon={<CopyRegular />} onClick={() => setOpen('copy')}>
        {days === 7 ? 'Copy week' : `Copy ${days / 7} weeks`}
      </Button>
      <Button appearance="primary" icon={<SendRegular />} onClick={() => setOpen('publish')}>
        {days === 7 ? 'Publish week' : `Publish ${days / 7} weeks`}
      </Button>
      {open === 'shift' && (
        <ShiftEditor
          location={location}
          shift={null}
          day={weekStart}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'copy' && (
        <CopyWeekDialog
          location={location}
          weekStart={weekStart}
          days={days}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'publish' && (
        <PublishDialog
          location={location}
          weekStart={weekStart}
          days={days}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
