import {
  Body1,
  Body1Strong,
  Button,
  Caption1,
  Card,
  makeStyles,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { TimeOffRequest } from '@/client/types.gen';
import { viewerZone, zoneDiffers, zoneName } from '@/lib/time';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { useLocationZones, useTimeOffRequests } from '../api/timeOff';
import { DecisionDialog } from './DecisionDialog';
import { KINDS, periodText } from './timeOffForm';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalS, padding: 0, margin: 0, listStyle: 'none' },
  row: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: '8px',
    flexWrap: 'wrap',
    alignItems: 'center',
  },
  actions: { display: 'flex', gap: '8px' },
});

type Deciding = { request: TimeOffRequest; decision: 'approve' | 'deny' } | null;

/** The coordinator's pending requests, oldest first, each approved or denied after a look. */
export function RequestsInbox({ locationIds }: { locationIds: readonly string[] | null }) {
  const styles = useStyles();
  const requests = useTimeOffRequests({ state: 'pending' });
  const locations = useLocationZones();
  const [deciding, setDeciding] = useState<Deciding>(null);
  const mine = (locations.data ?? []).filter(
    (l) => locationIds === null || locationIds.includes(l.id),
  );
  const zone = mine[0]?.time_zone ?? viewerZone();
  const items = [...(requests.data?.items ?? [])].sort((a, b) =>
    a.created_at.localeCompare(b.created_at),
  );

  return (
    <section>
      <PageHeader title="Requests" />
      <Subtitle2 as="h2" block>
        Time off
      </Subtitle2>
      {zoneDiffers(zone) && <Caption1 as="p">Days are shown in {zoneName(zone)}.</Caption1>}
      <QueryState
        isPending={requests.isPending}
        error={requests.error}
        isEmpty={items.length === 0}
        empty="No time-off requests are waiting for a decision."
        onRetry={() => void requests.refetch()}
      >
        <ul className={styles.list} aria-label="Time-off requests">
          {items.map((r) => (
            <li key={r.id}>
              <Card>
                <div className={styles.row}>
                  <div>
                    <Body1Strong block>{r.person_display_name}</Body1Strong>
                    <Body1 block>{periodText(r, zone)}</Body1>
                    <Caption1 block>
                      {KINDS.find((k) => k.value === r.kind)?.label ?? r.kind}
                      {r.reason ? ` · ${r.reason}` : ''}
                    </Caption1>
                  </div>
                  <div className={styles.actions}>
                    <Button
                      appearance="primary"
                      aria-label={`Approve ${r.person_display_name}’s time off`}
                      onClick={() => setDeciding({ request: r, decision: 'approve' })}
                    >
                      Approve…
                    </Button>
                    <Button
                      aria-label={`Deny ${r.person_display_name}’s time off`}
                      onClick={() => setDeciding({ request: r, decision: 'deny' })}
                    >
                      Deny…
                    </Button>
                  </div>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      </QueryState>
      {deciding && (
        <DecisionDialog
          request={deciding.request}
          decision={deciding.decision}
          period={periodText(deciding.request, zone)}
          onClose={() => setDeciding(null)}
        />
      )}
    </section>
  );
}
