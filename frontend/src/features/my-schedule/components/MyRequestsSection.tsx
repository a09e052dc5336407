import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import type { RequestShift, ShiftRequest, ShiftRequestState } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { dayLabel, localDate, localTime } from '@/lib/time';
import { QueryState } from '@/lib/ui/QueryState';
import { useCancelRequest, useMyRequests } from '../api/requests';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    padding: 0,
    margin: 0,
    listStyle: 'none',
  },
  card: { padding: tokens.spacingHorizontalM },
  row: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: '8px',
    flexWrap: 'wrap',
  },
});

const STATES: Record<ShiftRequestState, string> = {
  pending: 'Waiting for a colleague',
  accepted: 'Waiting for approval',
  approved: 'Approved',
  denied: 'Denied',
  cancelled: 'Withdrawn',
  expired: 'Expired',
};

export function requestShiftLabel(s: RequestShift): string {
  const day = dayLabel(localDate(s.starts_at, s.time_zone));
  return `${day} ${localTime(s.starts_at, s.time_zone)}–${localTime(s.ends_at, s.time_zone)} at ${s.location_name}`;
}

export function requestTitle(r: ShiftRequest, personId: string): string {
  const mine = r.requester_person_id === personId;
  const who = r.counterpart_display_name ?? 'anyone qualified';
  if (r.kind === 'drop') return mine ? 'You dropped' : `${r.requester_display_name} dropped`;
  if (r.kind === 'offer')
    return mine ? `You offered to ${who}` : `${r.requester_display_name} offered you`;
  return mine ? `You asked ${who} to swap` : `${r.requester_display_name} asked you to swap`;
}

/** My swaps, offers and drops, and those naming me, with where each stands. */
export function MyRequestsSection({ personId }: { personId: string }) {
  const styles = useStyles();
  const requests = useMyRequests(true);
  const cancel = useCancelRequest();
  const items = (requests.data?.items ?? []).filter(
    (r) => r.requester_person_id === personId || r.counterpart_person_id === personId,
  );

  return (
    <section aria-labelledby="my-requests-title">
      <Subtitle2 as="h2" block id="my-requests-title">
        My requests
      </Subtitle2>
      {cancel.error && (
        <MessageBar intent="error">
          <MessageBarBody>{toApiError(cancel.error).detail}</MessageBarBody>
        </MessageBar>
      )}
      <QueryState
        isPending={requests.isPending}
        error={requests.error}
        isEmpty={items.length === 0}
        empty="You have no swap, offer or drop requests."
        loadingLabel="Loading your requests…"
        onRetry={() => void requests.refetch()}
      >
        <ul className={styles.list} aria-label="My requests">
          {items.map((r) => {
            const open = r.state === 'pending' || r.state === 'accepted';
            return (
              <li key={r.id}>
                <Card className={styles.card}>
                  <div className={styles.row}>
                    <div>
                      <Body1 block>
                        {requestTitle(r, personId)} {requestShiftLabel(r.shift)}
                      </Body1>
                      {r.counterpart_shift && (
                        <Caption1 block>
                          In return: {requestShiftLabel(r.counterpart_shift)}
                        </Caption1>
                      )}
                      <Badge appearance="tint" color={r.state === 'denied' ? 'danger' : 'brand'}>
                        {STATES[r.state]}
                      </Badge>
                      {r.decision_note && (
                        <Caption1 block>Coordinator’s note: “{r.decision_note}”</Caption1>
                      )}
                    </div>
                    {open && r.requester_person_id === personId && (
                      <Button
                        disabled={cancel.isPending}
                        onClick={() => cancel.mutate({ path: { request_id: r.id } })}
                      >
                        Withdraw
                      </Button>
                    )}
                  </div>
                </Card>
              </li>
            );
          })}
        </ul>
      </QueryState>
    </section>
  );
}
