import {
  Body1,
  Button,
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { OpenShift } from '@/client/types.gen';
import { type ApiError, toApiError } from '@/lib/errors';
import { dayLabel, localDate, localTime, zoneDiffers, zoneName } from '@/lib/time';
import { QueryState } from '@/lib/ui/QueryState';
import { useClaim, useOpenShifts } from '../api/requests';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalM,
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
  reasons: { margin: 0, paddingLeft: '20px' },
});

export function openShiftLabel(s: OpenShift): string {
  const day = dayLabel(localDate(s.starts_at, s.time_zone));
  return `${day} ${localTime(s.starts_at, s.time_zone)}–${localTime(s.ends_at, s.time_zone)}`;
}

function Reasons({ items, label }: { items: { message: string }[]; label: string }) {
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <ul className={styles.reasons} aria-label={label}>
      {items.map((v) => (
        <li key={v.message}>
          <Caption1>{v.message}</Caption1>
        </li>
      ))}
    </ul>
  );
}

/** Open seats I could take, with the rule engine's word on each; a claim is one tap. */
export function OpenShiftsSection({ enabled }: { enabled: boolean }) {
  const styles = useStyles();
  const open = useOpenShifts(enabled);
  const claim = useClaim();
  const [claimed, setClaimed] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ id: string; error: ApiError } | null>(null);
  // Those the rules allow first; each group stays in time order.
  const items = [...(open.data?.items ?? [])].sort(
    (a, b) => Number(b.verdict?.allowed ?? true) - Number(a.verdict?.allowed ?? true),
  );

  const onClaim = (s: OpenShift) => {
    setFailed(null);
    setClaimed(null);
    claim.mutate(
      { path: { shift_id: s.id } },
      {
        onSuccess: () => setClaimed(`You now work ${openShiftLabel(s)} at ${s.location_name}.`),
        onError: (e) => setFailed({ id: s.id, error: toApiError(e) }),
      },
    );
  };

  return (
    <section aria-labelledby="open-shifts-title">
      <Subtitle2 as="h2" block id="open-shifts-title">
        Open shifts I can claim
      </Subtitle2>
      {claimed && (
        <MessageBar intent="success">
          <MessageBarBody>{claimed}</MessageBarBody>
        </MessageBar>
      )}
      <QueryState
        isPending={open.isPending}
        error={open.error}
        isEmpty={items.length === 0}
        empty="No open shifts you qualify for in the next four weeks."
        loadingLabel="Loading open shifts…"
        onRetry={() => void open.refetch()}
      >
        <ul className={styles.list} aria-label="Open shifts">
          {items.map((s) => {
            const start = new Date(s.starts_at);
            const allowed = s.verdict?.allowed ?? true;
            const busy = claim.isPending && claim.variables?.path.shift_id === s.id;
            return (
              <li key={s.id}>
                <Card className={styles.card}>
                  <div className={styles.row}>
                    <div>
                      <Subtitle2 block>{openShiftLabel(s)}</Subtitle2>
                      <Body1 block>
                        {s.location_name}
                        {s.skill_name ? ` · ${s.skill_name}` : ''}
                        {` · ${s.open_seats} of ${s.headcount} open`}
                      </Body1>
                      {zoneDiffers(s.time_zone, start) && (
                        <Caption1 block>{zoneName(s.time_zone, start)}</Caption1>
                      )}
                    </div>
                    <Button
                      appearance="primary"
                      disabled={!allowed || claim.isPending}
                      icon={busy ? <Spinner size="tiny" /> : undefined}
                      aria-label={`Claim ${openShiftLabel(s)} at ${s.location_name}`}
                      onClick={() => onClaim(s)}
                    >
                      Claim
                    </Button>
                  </div>
                  {!allowed && <Caption1>You can’t claim this shift:</Caption1>}
                  <Reasons items={s.verdict?.violations ?? []} label="Why not" />
                  <Reasons items={s.verdict?.warnings ?? []} label="Warnings" />
                  {failed?.id === s.id && (
                    <MessageBar intent="error">
                      <MessageBarBody>
                        {failed.error.detail}
                        <Reasons items={failed.error.violations} label="Rules refusing the claim" />
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
