import { Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useHomeZone } from '@/lib/homeZone';
import { addDays, localDate, zoneDiffers, zoneName } from '@/lib/time';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { useAvailability } from '../api/availability';
import { ExceptionsEditor } from './ExceptionsEditor';
import { PatternEditor } from './PatternEditor';

const useStyles = makeStyles({
  page: { maxWidth: '720px', margin: '0 auto', display: 'grid', gap: tokens.spacingVerticalL },
});

/** A staff member's weekly availability and dated exceptions; phone-first. */
export function AvailabilityPage({ personId }: { personId: string | null }) {
  const styles = useStyles();
  const home = useHomeZone(personId);
  const [today] = useState(() => localDate(new Date(), home.zone));
  const availability = useAvailability(personId, today, addDays(today, 56));

  if (personId === null) {
    return (
      <section className={styles.page}>
        <PageHeader title="Availability" />
        <Body1 as="p">Your account is not linked to a staff profile.</Body1>
      </section>
    );
  }
  const data = availability.data;
  return (
    <section className={styles.page}>
      <PageHeader title="Availability" />
      <Caption1 as="p" style={{ marginTop: -12 }}>
        Times are local to where each shift is
        {zoneDiffers(home.zone) ? `; your home location uses ${zoneName(home.zone)}` : ''}.
      </Caption1>
      <QueryState
        isPending={availability.isPending}
        error={availability.error}
        isEmpty={false}
        empty=""
        loadingLabel="Loading your availability…"
        onRetry={() => void availability.refetch()}
      >
        {data && (
          <>
            <div>
              <Subtitle2 as="h2" block>
                Every week
              </Subtitle2>
              <PatternEditor
                key={data.slots.map((s) => s.id).join()}
                personId={personId}
                slots={data.slots}
              />
            </div>
            <div>
              <Subtitle2 as="h2" block>
                Exceptions
              </Subtitle2>
              <ExceptionsEditor personId={personId} today={today} exceptions={data.exceptions} />
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
