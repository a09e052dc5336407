import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Location, PublishSummary } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { dayLabel } from '@/lib/time';
import { usePublish } from '../api/planning';

interface Props {
  location: Location;
  weekStart: string;
  /** The period shown: one week or two. */
  days?: number;
  onClose: () => void;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Publish the week's drafts: first a dry run saying who will be told, then the real thing. */
export function PublishDialog({ location, weekStart, days = 7, onClose }: Props) {
  const publish = usePublish();
  const [preview, setPreview] = useState<PublishSummary | null>(null);
  const [done, setDone] = useState<PublishSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const body = { location_id: location.id, start_date: weekStart, days };
  const { mutateAsync } = publish;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the dry run is asked once per open
  useEffect(() => {
    mutateAsync({ body, query: { dry_run: true } })
      .then(setPreview)
      .catch((e: unknown) => setError(toApiError(e).detail));
  }, []);

  const confirm = async () => {
    setError(null);
    try {
      setDone(await mutateAsync({ body, query: { dry_run: false } }));
    } catch (thrown) {
      setError(toApiError(thrown).detail);
    }
  };

  const summary = done ?? preview;
  const nothing = summary !== null && summary.published_shift_count === 0;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            Publish {days === 7 ? 'the week' : `the ${days / 7} weeks`} of {dayLabel(weekStart)}
          </DialogTitle>
          <DialogContent style={{ display: 'grid', gap: 12 }}>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            {!summary && !error && <Spinner size="tiny" label="Working out who will be told…" />}
            {summary && nothing && (
              <Body1>There are no draft shifts at {location.name} this week.</Body1>
            )}
            {summary && !nothing && (
              <>
                <Body1 as="p" style={{ margin: 0 }}>
                  {done ? 'Published' : 'Publishing makes'}{' '}
                  {plural(summary.published_shift_count, 'draft shift')} at {location.name}{' '}
                  {done ? 'for staff to see.' : 'visible to staff.'}{' '}
                  {summary.people_notified.length === 0
                    ? 'Nobody is assigned to them yet, so nobody is told.'
                    : done
                      ? 'These people were told:'
                      : 'These people will be told:'}
                </Body1>
                {summary.people_notified.length > 0 && (
                  <ul aria-label="People told" style={{ margin: 0 }}>
                    {summary.people_notified.map((p) => (
                      <li key={p.person_id}>
                        {p.display_name}: {plural(p.shift_count, 'shift')}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
            {!done && (
              <Button
                appearance="primary"
                disabled={!preview || nothing || publish.isPending}
                onClick={() => void confirm()}
              >
                Publish {preview && !nothing ? plural(preview.published_shift_count, 'shift') : ''}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
