import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { SparkleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Location } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { addDays, dayLabel } from '@/lib/time';
import type { useAutoSchedule } from '../hooks/useAutoSchedule';
import { RunPanel } from './RunPanel';
import { StartRunDialog } from './StartRunDialog';

interface ButtonProps {
  location: Location;
  start: string;
  days: number;
  disabled: boolean;
  onStarted: (runId: string) => void;
}

/** "Auto-schedule": start a solver run for the location and period shown. */
export function AutoScheduleButton({ location, start, days, disabled, onStarted }: ButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SparkleRegular />} disabled={disabled} onClick={() => setOpen(true)}>
        Auto-schedule
      </Button>
      {open && (
        <StartRunDialog
          locationId={location.id}
          locationName={location.name}
          startDate={start}
          days={days}
          periodLabel={`${dayLabel(start)} – ${dayLabel(addDays(start, days - 1))}`}
          onStarted={(id) => {
            setOpen(false);
            onStarted(id);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** The run's progress or proposal, or what accepting it did. */
export function RunStatus({ auto }: { auto: ReturnType<typeof useAutoSchedule> }) {
  if (auto.accepted) {
    const {
      created_assignment_ids: made,
      cancelled_assignment_ids: gone,
      warnings,
    } = auto.accepted;
    return (
      <MessageBar intent={warnings.length ? 'warning' : 'success'} role="status">
        <MessageBarBody>
          Proposal accepted: {made.length} assignment{made.length === 1 ? '' : 's'} made
          {gone.length ? `, ${gone.length} removed` : ''}. The shifts stay drafts until you publish
          them.
          {warnings.length > 0 && ` ${warnings.length} warnings: ${warnings[0]?.message}`}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={auto.dismissAccepted}>
            Dismiss
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (auto.runError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{toApiError(auto.runError).detail}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => auto.done(null)}>
            Close
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (!auto.run) return null;
  return (
    <RunPanel run={auto.run} counts={auto.counts} onDone={auto.done} onChanged={auto.refetch} />
  );
}
