import {
  Badge,
  Body1,
  Button,
  Caption1,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import type { Candidate } from '@/client/types.gen';
import { QueryState } from '@/lib/ui/QueryState';
import { useCandidates } from '../api/schedule';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalS, padding: 0, margin: 0, listStyle: 'none' },
  item: {
    display: 'flex',
    gap: '8px',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  reasons: { margin: 0, paddingLeft: '20px' },
});

function hours(value: string): string {
  return `${Number(value).toLocaleString(undefined, { maximumFractionDigits: 1 })} h`;
}

function Standing({ c }: { c: Candidate }) {
  if (c.rule_clean) {
    return c.soft_violations > 0 ? (
      <Badge color="warning" appearance="tint">
        {c.soft_violations} warning{c.soft_violations === 1 ? '' : 's'}
      </Badge>
    ) : (
      <Badge color="success" appearance="tint">
        No rule broken
      </Badge>
    );
  }
  return (
    <Badge color="danger" appearance="tint">
      {c.overridable ? 'Needs an override' : 'Refused by the rules'}
    </Badge>
  );
}

interface Props {
  shiftId: string;
  /** "Mon 6 Jul 07:00–15:00 Nurse" */
  label: string;
  onAssign: (candidate: Candidate) => void;
  onClose: () => void;
}

/** Who could fill an open seat, best first, with why; one click assigns. */
export function CandidatesPanel({ shiftId, label, onAssign, onClose }: Props) {
  const styles = useStyles();
  const candidates = useCandidates(shiftId);
  const items = candidates.data?.items ?? [];
  return (
    <OverlayDrawer open position="end" size="medium" onOpenChange={(_, d) => !d.open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label="Close candidates"
              icon={<Dismiss24Regular />}
              onClick={onClose}
            />
          }
        >
          Candidates for {label}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <QueryState
          isPending={candidates.isPending}
          error={candidates.error}
          isEmpty={items.length === 0}
          empty="Nobody qualified is free for this seat."
          loadingLabel="Ranking candidates…"
          onRetry={() => void candidates.refetch()}
        >
          {candidates.data && candidates.data.total > items.length && (
            <Caption1 as="p">
              The best {items.length} of {candidates.data.total} qualified people.
            </Caption1>
          )}
          <ol className={styles.list} aria-label="Candidates">
            {items.map((c) => (
              <li key={c.person_id} className={styles.item}>
                <div>
                  <Body1 block>
                    <strong>
                      {c.rank}. {c.display_name}
                    </strong>{' '}
                    <Standing c={c} />
                  </Body1>
                  <Caption1 block>{c.reasons.summary}</Caption1>
                  <Caption1 block>
                    {hours(c.week_paid_hours)} this week
                    {c.contracted_hours_per_week
                      ? ` of ${hours(c.contracted_hours_per_week)} contracted`
                      : ''}
                  </Caption1>
                  {c.reasons.violations.length > 0 && (
                    <ul className={styles.reasons} aria-label={`Rules for ${c.display_name}`}>
                      {c.reasons.violations.map((v) => (
                        <li key={`${v.rule}:${v.message}`}>
                          <Caption1>{v.message}</Caption1>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <Button
                  appearance={c.rank === 1 ? 'primary' : 'secondary'}
                  aria-label={`Assign ${c.display_name}`}
                  onClick={() => onAssign(c)}
                >
                  Assign
                </Button>
              </li>
            ))}
          </ol>
        </QueryState>
      </DrawerBody>
    </OverlayDrawer>
  );
}
