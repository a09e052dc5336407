import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  makeStyles,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { TimeOffRequest } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { useHomeZone } from '@/lib/homeZone';
import { localDate, zoneDiffers, zoneName } from '@/lib/time';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { useCancelTimeOff, useTimeOffRequests } from '../api/timeOff';
import { TimeOffForm } from './TimeOffForm';
import { KINDS, periodText, STATE_LABELS } from './timeOffForm';

const useStyles = makeStyles({
  page: { maxWidth: '640px', margin: '0 auto', display: 'grid', gap: tokens.spacingVerticalL },
  list: { display: 'grid', gap: tokens.spacingVerticalS, padding: 0, margin: 0, listStyle: 'none' },
  row: { display: 'flex', justifyContent: 'space-between', gap: '8px', flexWrap: 'wrap' },
});

const cancellable = (r: TimeOffRequest, now: Date) =>
  r.state === 'pending' || (r.state === 'approved' && new Date(r.starts_at) > now);

/** A staff member's time off: ask for days, see decisions, withdraw. */
export function TimeOffPage({ personId }: { personId: string | null }) {
  const styles = useStyles();
  const home = useHomeZone(personId);
  const [now] = useState(() => new Date());
  const requests = useTimeOffRequests({ personId });
  const cancel = useCancelTimeOff();
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  const items = [...(requests.data?.items ?? [])].sort((a, b) =>
    b.starts_at.localeCompare(a.starts_at),
  );

  return (
    <section className={styles.page}>
      <PageHeader title="Time off" />
      {personId === null ? (
        <Body1 as="p">Your account is not linked to a staff profile.</Body1>
      ) : (
        <>
          <Card>
            <Subtitle2 as="h2" block>
              Ask for time off
            </Subtitle2>
            {zoneDiffers(home.zone) && (
              <Caption1>Days are reckoned in {zoneName(home.zone)}.</Caption1>
            )}
            <TimeOffForm zone={home.zone} today={localDate(now, home.zone)} />
          </Card>
          <div>
            <Subtitle2 as="h2" block>
              My requests
            </Subtitle2>
            <QueryState
              isPending={requests.isPending}
              error={requests.error}
              isEmpty={items.length === 0}
              empty="You have not asked for time off yet."
              onRetry={() => void requests.refetch()}
            >
              <ul className={styles.list} aria-label="My time-off requests">
                {items.map((r) => (
                  <li key={r.id}>
                    <Card>
                      <div className={styles.row}>
                        <Body1>{periodText(r, home.zone)}</Body1>
                        <Badge
                          appearance="tint"
                          color={
                            r.state === 'approved'
                              ? 'success'
                              : r.state === 'denied'
                                ? 'danger'
                                : 'informative'
                          }
                        >
                          {STATE_LABELS[r.state] ?? r.state}
                        </Badge>
                      </div>
                      <Caption1>
                        {KINDS.find((k) => k.value === r.kind)?.label ?? r.kind}
                        {r.reason ? ` · ${r.reason}` : ''}
                        {r.decision_note ? ` · Note: ${r.decision_note}` : ''}
                      </Caption1>
                      {cancellable(r, now) && (
                        <div>
                          <Button
                            size="small"
                            onClick={() =>
                              cancel.mutate(
                                { path: { request_id: r.id } },
                                {
                                  onError: (e) =>
                                    setRowError({ id: r.id, text: toApiError(e).detail }),
                                },
                              )
                            }
                          >
                            Withdraw request
                          </Button>
                        </div>
                      )}
                      {rowError?.id === r.id && <Caption1 role="alert">{rowError.text}</Caption1>}
                    </Card>
                  </li>
                ))}
              </ul>
            </QueryState>
          </div>
        </>
      )}
    </section>
  );
}
