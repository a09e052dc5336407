import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { TimeOffRequest } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { blankToNull } from '@/lib/forms';
import { dayLabel, localDate, localTime, zoneDiffers, zoneName } from '@/lib/time';
import { useApproveTimeOff, useDenyTimeOff, useImpact } from '../api/timeOff';

interface Props {
  request: TimeOffRequest;
  decision: 'approve' | 'deny';
  period: string;
  onClose: () => void;
}

/** Approve (seeing which shifts it releases first) or deny a time-off request, with a note. */
export function DecisionDialog({ request, decision, period, onClose }: Props) {
  const impact = useImpact(request.id);
  const approve = useApproveTimeOff();
  const deny = useDenyTimeOff();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const affected = impact.data?.assignments ?? [];
  const pending = approve.isPending || deny.isPending;
  const name = request.person_display_name;

  const decide = async () => {
    setError(null);
    try {
      const path = { request_id: request.id };
      if (decision === 'deny') await deny.mutateAsync({ path, body: { note: blankToNull(note) } });
      else {
        await approve.mutateAsync({
          path,
          body: { release_assignments: affected.length > 0, note: blankToNull(note) },
        });
      }
      onClose();
    } catch (thrown) {
      setError(toApiError(thrown).detail);
    }
  };

  const label =
    decision === 'deny'
      ? 'Deny'
      : affected.length > 0
        ? `Approve and release ${affected.length} shift${affected.length === 1 ? '' : 's'}`
        : 'Approve';

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {decision === 'deny' ? 'Deny' : 'Approve'} {name}’s time off
          </DialogTitle>
          <DialogContent style={{ display: 'grid', gap: 12 }}>
            <Body1>{period}</Body1>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            {decision === 'approve' &&
              (impact.isPending ? (
                <Spinner size="tiny" label="Looking for shifts in this period…" />
              ) : impact.error ? (
                <MessageBar intent="error">
                  <MessageBarBody>{toApiError(impact.error).detail}</MessageBarBody>
                </MessageBar>
              ) : affected.length === 0 ? (
                <Body1>{name} has no shifts in this period.</Body1>
              ) : (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    Approving takes {name} off these shifts; their seats open again:
                    <ul aria-label="Shifts released">
                      {affected.map((a) => (
                        <li key={a.assignment_id}>
                          {dayLabel(localDate(a.starts_at, a.time_zone))}{' '}
                          {localTime(a.starts_at, a.time_zone)}–{localTime(a.ends_at, a.time_zone)}{' '}
                          at {a.location_name}
                          {zoneDiffers(a.time_zone, new Date(a.starts_at))
                            ? ` (${zoneName(a.time_zone, new Date(a.starts_at))})`
                            : ''}
                          {a.shift_state === 'published' ? ', published' : ''}
                        </li>
                      ))}
                    </ul>
                  </MessageBarBody>
                </MessageBar>
              ))}
            <Field label="Note to the person (optional)">
              <Textarea value={note} onChange={(_, d) => setNote(d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              onClick={() => void decide()}
              disabled={pending || (decision === 'approve' && impact.isPending)}
            >
              {label}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
