import {
  Badge,
  Body1,
  Body1Strong,
  Button,
  Caption1,
  Card,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { RequestShift, ShiftRequest, Violation } from '@/client/types.gen';
import { type ApiError, toApiError } from '@/lib/errors';
import { blankToNull } from '@/lib/forms';
import { dayLabel, localDate, localTime } from '@/lib/time';
import { QueryState } from '@/lib/ui/QueryState';
import { useApproveRequest, useAwaitingApproval, useDenyRequest } from '../api/swaps';

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
  reasons: { margin: 0, paddingLeft: '20px' },
});

const KIND: Record<ShiftRequest['kind'], string> = { swap: 'Swap', offer: 'Offer', drop: 'Drop' };

export function shiftText(s: RequestShift): string {
  const day = dayLabel(localDate(s.starts_at, s.time_zone));
  return `${day} ${localTime(s.starts_at, s.time_zone)}–${localTime(s.ends_at, s.time_zone)} at ${s.location_name}`;
}

function Reasons({
  items,
  label,
}: {
  items: Pick<Violation, 'rule' | 'message'>[];
  label: string;
}) {
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <ul className={styles.reasons} aria-label={label}>
      {items.map((v) => (
        <li key={`${v.rule}:${v.message}`}>
          <Caption1>{v.message}</Caption1>
        </li>
      ))}
    </ul>
  );
}

function VerdictText({ r }: { r: ShiftRequest }) {
  if (!r.verdict) return <Caption1 block>The rules have not been checked yet.</Caption1>;
  const { allowed, violations, warnings } = r.verdict;
  return (
    <div>
      <Badge
        appearance="tint"
        color={allowed ? (warnings.length ? 'warning' : 'success') : 'danger'}
      >
        {allowed
          ? warnings.length
            ? 'Allowed with warnings'
            : 'Rules allow it'
          : 'Rules refuse it'}
      </Badge>
      <Reasons items={violations} label={`Rules refusing ${r.requester_display_name}’s request`} />
      <Reasons items={warnings} label={`Warnings on ${r.requester_display_name}’s request`} />
    </div>
  );
}

const TITLES = {
  accepted: ['Swaps, offers and drops', 'No swaps, offers or drops are waiting for approval.'],
  pending: [
    'Waiting for a colleague',
    'No swaps, offers or drops are waiting for a colleague’s answer.',
  ],
} as const;

/**
 * Swaps, offers and drops both people agreed to (approve or deny), or those still waiting for
 * the colleague (deny only), each with the rule engine's verdict.
 */
export function SwapInbox({ state = 'accepted' }: { state?: 'accepted' | 'pending' }) {
  const styles = useStyles();
  const requests = useAwaitingApproval(state);
  const [title, empty] = TITLES[state];
  const approve = useApproveRequest();
  const deny = useDenyRequest();
  const [failed, setFailed] = useState<{ id: string; error: ApiError } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const items = [...(requests.data?.items ?? [])].sort((a, b) =>
    (a.accepted_at ?? a.created_at).localeCompare(b.accepted_at ?? b.created_at),
  );

  const decide = (r: ShiftRequest, decision: 'approve' | 'deny') => {
    setFailed(null);
    setDone(null);
    const vars = { path: { request_id: r.id }, body: { note: blankToNull(notes[r.id] ?? '') } };
    const handlers = {
      onSuccess: () =>
        setDone(
          `${decision === 'approve' ? 'Approved' : 'Denied'}: ${r.requester_display_name}’s ${KIND[r.kind].toLowerCase()}.`,
        ),
      onError: (e: unknown) => setFailed({ id: r.id, error: toApiError(e) }),
    };
    if (decision === 'approve') approve.mutate(vars, handlers);
    else deny.mutate(vars, handlers);
  };

  return (
    <section aria-labelledby={`swap-inbox-${state}`}>
      <Subtitle2 as="h2" block id={`swap-inbox-${state}`}>
        {title}
      </Subtitle2>
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      <QueryState
        isPending={requests.isPending}
        error={requests.error}
        isEmpty={items.length === 0}
        empty={empty}
        onRetry={() => void requests.refetch()}
      >
        <ul className={styles.list} aria-label={title}>
          {items.map((r) => (
            <li key={r.id}>
              <Card>
                <div className={styles.row}>
                  <div>
                    <Body1Strong block>
                      {KIND[r.kind]}: {r.requester_display_name} →{' '}
                      {r.counterpart_display_name ?? 'nobody yet'}
                    </Body1Strong>
                    <Body1 block>{shiftText(r.shift)}</Body1>
                    {r.counterpart_shift && (
                      <Body1 block>In return: {shiftText(r.counterpart_shift)}</Body1>
                    )}
                    {r.note && <Caption1 block>“{r.note}”</Caption1>}
                    <VerdictText r={r} />
                    <Field
                      label="Note to them (optional)"
                      hint="Sent with your decision to the people in the request."
                    >
                      <Textarea
                        value={notes[r.id] ?? ''}
                        maxLength={1000}
                        onChange={(_, d) => setNotes((n) => ({ ...n, [r.id]: d.value }))}
                      />
                    </Field>
                  </div>
                  <div className={styles.actions}>
                    {state === 'accepted' && (
                      <Button
                        appearance="primary"
                        disabled={approve.isPending || deny.isPending}
                        aria-label={`Approve ${r.requester_display_name}’s ${KIND[r.kind].toLowerCase()}`}
                        onClick={() => decide(r, 'approve')}
                      >
                        Approve
                      </Button>
                    )}
                    <Button
                      disabled={approve.isPending || deny.isPending}
                      aria-label={`Deny ${r.requester_display_name}’s ${KIND[r.kind].toLowerCase()}`}
                      onClick={() => decide(r, 'deny')}
                    >
                      Deny
                    </Button>
                  </div>
                </div>
                {failed?.id === r.id && (
                  <MessageBar intent="error">
                    <MessageBarBody>
                      {failed.error.detail}
                      <Reasons items={failed.error.violations} label="Why it was refused" />
                    </MessageBarBody>
                  </MessageBar>
                )}
              </Card>
            </li>
          ))}
        </ul>
      </QueryState>
    </section>
  );
}
