import {
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
import { useState } from 'react';
import type { ShiftRequest } from '@/client/types.gen';
import { type ApiError, toApiError } from '@/lib/errors';
import { QueryState } from '@/lib/ui/QueryState';
import { useAcceptRequest, useMyRequests } from '../api/requests';
import { requestShiftLabel } from './MyRequestsSection';

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
  reasons: { margin: 0, paddingLeft: '20px' },
});

/** Waiting on me: offers and swaps naming me, and colleagues' drops anyone qualified may take. */
export function incomingFor(items: readonly ShiftRequest[], personId: string): ShiftRequest[] {
  return items.filter(
    (r) =>
      r.state === 'pending' &&
      r.requester_person_id !== personId &&
      (r.counterpart_person_id === personId ||
        (r.kind === 'drop' && r.counterpart_person_id === null)),
  );
}

function ask(r: ShiftRequest): string {
  const who = r.requester_display_name;
  if (r.kind === 'swap') return `${who} asks to swap: you take`;
  if (r.kind === 'offer') return `${who} offers you`;
  return `${who} dropped`;
}

type Outcome =
  | { id: string; ok: true; warnings: string[] }
  | { id: string; ok: false; error: ApiError };

/** Offers, swaps and drops I can take; one press accepts, then a coordinator approves. */
export function IncomingRequestsSection({ personId }: { personId: string }) {
  const styles = useStyles();
  const requests = useMyRequests(true);
  const accept = useAcceptRequest();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const items = incomingFor(requests.data?.items ?? [], personId);

  const take = (r: ShiftRequest) => {
    setOutcome(null);
    accept.mutate(
      { path: { request_id: r.id } },
      {
        onSuccess: (out) =>
          setOutcome({ id: r.id, ok: true, warnings: out.warnings.map((w) => w.message) }),
        onError: (e) => setOutcome({ id: r.id, ok: false, error: toApiError(e) }),
      },
    );
  };

  return (
    <section aria-labelledby="incoming-title">
      <Subtitle2 as="h2" id="incoming-title" block>
        Offered to me
      </Subtitle2>
      {outcome?.ok && (
        <MessageBar intent={outcome.warnings.length ? 'warning' : 'success'}>
          <MessageBarBody>
            Accepted. A coordinator will approve the change. {outcome.warnings.join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      <QueryState
        isPending={requests.isPending}
        error={requests.error}
        isEmpty={items.length === 0}
        empty="No one is offering you a shift right now."
        loadingLabel="Loading offers…"
        onRetry={() => void requests.refetch()}
      >
        <ul className={styles.list} aria-label="Offered to me">
          {items.map((r) => {
            const label = requestShiftLabel(r.shift);
            return (
              <li key={r.id}>
                <Card className={styles.card}>
                  <Body1 block>
                    {ask(r)} {label}
                  </Body1>
                  {r.counterpart_shift && (
                    <Caption1 block>
                      In return you give: {requestShiftLabel(r.counterpart_shift)}
                    </Caption1>
                  )}
                  {r.note && <Caption1 block>“{r.note}”</Caption1>}
                  <div>
                    <Button
                      appearance="primary"
                      disabled={accept.isPending}
                      aria-label={`Accept ${label}`}
                      onClick={() => take(r)}
                    >
                      {r.kind === 'drop' ? 'Take it' : 'Accept'}
                    </Button>
                  </div>
                  {outcome && !outcome.ok && outcome.id === r.id && (
                    <MessageBar intent="error">
                      <MessageBarBody>
                        {outcome.error.detail}
                        {outcome.error.violations.length > 0 && (
                          <ul className={styles.reasons} aria-label="Why you cannot take it">
                            {outcome.error.violations.map((v) => (
                              <li key={`${v.rule}:${v.message}`}>{v.message}</li>
                            ))}
                          </ul>
                        )}
                      </MessageBarBody>
                    </MessageBar>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      </QueryState>
    </section>
  );
}
