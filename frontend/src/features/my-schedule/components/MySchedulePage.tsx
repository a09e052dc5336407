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
import { useState } from 'react';
import type { Assignment, Location } from '@/client/types.gen';
import { dayLabel, localDate, localTime, zoneDiffers, zoneName } from '@/lib/time';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { useLocationZones, useMyAssignments } from '../api/mySchedule';
import { CalendarFeedSection } from './CalendarFeedSection';
import { GiveAwayDialog } from './GiveAwayDialog';
import { IncomingRequestsSection } from './IncomingRequestsSection';
import { MyRequestsSection } from './MyRequestsSection';
import { OpenShiftsSection } from './OpenShiftsSection';

const useStyles = makeStyles({
  page: { maxWidth: '640px', margin: '0 auto' },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalM,
    padding: 0,
    margin: 0,
    listStyle: 'none',
  },
  card: { padding: tokens.spacingHorizontalM },
  row: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: '8px' },
  sections: {
    display: 'grid',
    gap: tokens.spacingVerticalXL,
    gridTemplateColumns: 'minmax(0, 1fr)',
  },
});

interface GivingAway {
  assignment: Assignment;
  label: string;
}

interface Entry {
  assignment: Assignment;
  location: Location | undefined;
  day: string;
}

function entries(items: Assignment[], locations: Map<string, Location>, now: Date): Entry[] {
  return items
    .filter((a) => new Date(a.ends_at) > now)
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at))
    .map((assignment) => {
      const location = locations.get(assignment.location_id);
      const day = localDate(assignment.starts_at, location?.time_zone ?? 'UTC');
      return { assignment, location, day };
    });
}

/** A staff member's home screen: the shifts ahead, each in its location's local time. */
export function MySchedulePage({ personId }: { personId: string | null }) {
  const styles = useStyles();
  const [now] = useState(() => new Date());
  const assignments = useMyAssignments(personId, now);
  const locations = useLocationZones();
  const list = entries(assignments.data?.items ?? [], locations.data ?? new Map(), now);
  const [givingAway, setGivingAway] = useState<GivingAway | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  return (
    <section className={styles.page}>
      <PageHeader title="My schedule" />
      {personId === null ? (
        <Body1 as="p">Your account is not linked to a staff profile, so it has no shifts.</Body1>
      ) : (
        <div className={styles.sections}>
          {sent && (
            <MessageBar intent="success">
              <MessageBarBody>{sent}</MessageBarBody>
            </MessageBar>
          )}
          <QueryState
            isPending={assignments.isPending || locations.isPending}
            error={assignments.error ?? locations.error}
            isEmpty={list.length === 0}
            empty="You have no shifts in the next four weeks."
            loadingLabel="Loading your shifts…"
            onRetry={() => void assignments.refetch()}
          >
            <ul className={styles.list} aria-label="Upcoming shifts">
              {list.map(({ assignment, location, day }) => {
                const zone = location?.time_zone ?? 'UTC';
                const start = new Date(assignment.starts_at);
                const today = day === localDate(now, zone);
                const label = `${dayLabel(day)} ${localTime(assignment.starts_at, zone)}–${localTime(
                  assignment.ends_at,
                  zone,
                )} at ${location?.name ?? 'an unknown location'}`;
                return (
                  <li key={assignment.id}>
                    <Card className={styles.card}>
                      <div className={styles.row}>
                        <Subtitle2>{dayLabel(day)}</Subtitle2>
                        {today && <Badge appearance="tint">Today</Badge>}
                      </div>
                      <Body1>
                        {localTime(assignment.starts_at, zone)}–
                        {localTime(assignment.ends_at, zone)}
                        {' · '}
                        {location?.name ?? 'Unknown location'}
                      </Body1>
                      {zoneDiffers(zone, start) && <Caption1>{zoneName(zone, start)}</Caption1>}
                      <div>
                        <Button
                          size="small"
                          aria-label={`Swap, offer or drop ${label}`}
                          onClick={() => setGivingAway({ assignment, label })}
                        >
                          Swap, offer or drop…
                        </Button>
                      </div>
                    </Card>
                  </li>
                );
              })}
            </ul>
          </QueryState>
          <IncomingRequestsSection personId={personId} />
          <OpenShiftsSection enabled />
          <MyRequestsSection personId={personId} />
          <CalendarFeedSection />
        </div>
      )}
      {givingAway && personId && (
        <GiveAwayDialog
          assignmentId={givingAway.assignment.id}
          locationId={givingAway.assignment.location_id}
          zone={locations.data?.get(givingAway.assignment.location_id)?.time_zone ?? 'UTC'}
          personId={personId}
          label={givingAway.label}
          onClose={(done) => {
            if (done) setSent(`Request sent for ${givingAway.label}.`);
            setGivingAway(null);
          }}
        />
      )}
    </section>
  );
}
