import { Caption1, Dropdown, Option } from '@fluentui/react-components';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Location } from '@/client/types.gen';
import { dayLabel, localDate, mondayOf, zoneDiffers, zonedInstant, zoneName } from '@/lib/time';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { daysFrom, earlyPeriod, rememberedLocation, rememberLocation } from '../api/period';
import { useLocationsForPlanning, useScheduleGrid, useSkillNames } from '../api/schedule';
import { useAssignFlow } from '../hooks/useAssignFlow';
import { useAutoSchedule } from '../hooks/useAutoSchedule';
import { usePrefetchAdjacentPeriods } from '../hooks/usePrefetchAdjacentPeriods';
import { buildWeek, type GridPerson, type ShiftView } from '../hooks/weekModel';
import { AssignOutcome } from './AssignOutcome';
import { AutoScheduleButton, RunStatus } from './AutoSchedule';
import { CandidatesPanel } from './CandidatesPanel';
import { GridSummary, PeriodLength } from './GridSummary';
import { shiftLabel } from './ShiftChip';
import { SkillFilter } from './SkillFilter';
import { VerdictDialog } from './VerdictDialog';
import { WeekGrid } from './WeekGrid';
import { WeekPicker } from './WeekPicker';

export interface PlanningContext {
  location: Location;
  /** Local date of the week's Monday. */
  weekStart: string;
  /** Days shown: 7 or 14. */
  days: number;
}

interface Props {
  locationIds: readonly string[] | null;
  /** Extra header actions for the shown location and week (composed by the route). */
  planning?: (context: PlanningContext) => ReactNode;
  onOpenShift?: (shift: ShiftView, context: PlanningContext) => void;
}

/** The coordinator's main screen: one location, one week, people × days. */
export function SchedulePage({ locationIds, planning, onOpenShift }: Props) {
  const [params, setParams] = useSearchParams();
  const locations = useLocationsForPlanning();
  const mine = (locations.data ?? []).filter(
    (l) => !l.archived_at && (locationIds === null || locationIds.includes(l.id)),
  );
  const [remembered] = useState(rememberedLocation);
  const wanted = params.get('location') ?? remembered?.id;
  const location = mine.find((l) => l.id === wanted) ?? mine[0] ?? null;
  const zone = location?.time_zone ?? 'UTC';
  const today = mondayOf(localDate(new Date(), zone));
  const start = mondayOf(params.get('week') ?? today);
  const days = daysFrom(params);
  const shown = location ? { locationId: location.id, startDate: start, days } : null;
  // Until the locations arrive, ask for the week the address or the last visit names (the
  // same query the page makes once they have, so it is not asked twice).
  const grid = useScheduleGrid(
    shown ?? (locations.isPending ? earlyPeriod(params, remembered) : null),
  );
  usePrefetchAdjacentPeriods(shown, grid.isSuccess);
  useEffect(() => {
    if (location) rememberLocation({ id: location.id, zone: location.time_zone });
  }, [location]);
  const skills = useSkillNames();
  const flow = useAssignFlow();
  const skillNames = skills.data ?? new Map<string, string>();
  const [candidatesFor, setCandidatesFor] = useState<ShiftView | null>(null);
  const labelOf = (shift: ShiftView) =>
    `${dayLabel(localDate(shift.starts_at, zone))} ${shiftLabel(
      shift,
      zone,
      shift.skill_id ? skillNames.get(shift.skill_id) : undefined,
    )}`;

  const auto = useAutoSchedule(location?.id ?? null);
  const skillFilter = params.get('skill');
  const overlay = auto.overlay;
  const model = useMemo(
    () => (grid.data ? buildWeek(grid.data, skillFilter, overlay) : null),
    [grid.data, skillFilter, overlay],
  );
  const setParam = (key: string, value: string) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    });
  // Remembered at the moment of choosing, not only once the grid has re-rendered for it (a
  // navigation renders as a transition, which a tab closed at once would never see committed).
  const chooseLocation = (id: string) => {
    const chosen = mine.find((l) => l.id === id);
    if (chosen) rememberLocation({ id: chosen.id, zone: chosen.time_zone });
    setParam('location', id);
  };
  const weekStartInstant = zonedInstant(start, '12:00', zone);

  return (
    <section>
      <PageHeader
        title="Week schedule"
        actions={
          <>
            <Dropdown
              aria-label="Location"
              value={location?.name ?? ''}
              selectedOptions={location ? [location.id] : []}
              onOptionSelect={(_, d) => d.optionValue && chooseLocation(d.optionValue)}
            >
              {mine.map((l) => (
                <Option key={l.id} value={l.id}>
                  {l.name}
                </Option>
              ))}
            </Dropdown>
            <SkillFilter
              skills={skillNames}
              value={skillFilter}
              onChange={(id) => setParam('skill', id ?? '')}
            />
            <PeriodLength
              days={days}
              onChange={(d) => setParam('days', d === 7 ? '' : String(d))}
            />
            <WeekPicker
              start={start}
              days={days}
              today={today}
              onChange={(w) => setParam('week', w)}
            />
            {location && (
              <AutoScheduleButton
                location={location}
                start={start}
                days={days}
                disabled={auto.active || auto.overlay !== null}
                onStarted={auto.started}
              />
            )}
            {location && planning?.({ location, weekStart: start, days })}
          </>
        }
      />
      {location && zoneDiffers(zone, weekStartInstant) && (
        <Caption1 as="p" style={{ marginTop: -8 }}>
          Times are shown in {zoneName(zone, weekStartInstant)}, the location’s time zone.
        </Caption1>
      )}
      <RunStatus auto={auto} />
      {flow.verdict?.kind === 'assigned' && (
        <AssignOutcome verdict={flow.verdict} onDismiss={flow.dismiss} />
      )}
      <QueryState
        isPending={locations.isPending || (location !== null && grid.isPending)}
        error={locations.error ?? grid.error}
        isEmpty={location === null || !model || model.rows.length + model.openByDay.size === 0}
        empty={
          location === null
            ? 'You have no locations to plan yet.'
            : `No shifts and no people at ${location.name} in the week of ${dayLabel(start)}.`
        }
        loadingLabel="Loading the week…"
        onRetry={() => void grid.refetch()}
      >
        {model && <GridSummary model={model} />}
        {model && (
          <WeekGrid
            model={model}
            zone={zone}
            skills={skillNames}
            onOpenShift={
              location && onOpenShift
                ? (shift) => onOpenShift(shift, { location, weekStart: start, days })
                : undefined
            }
            {...(overlay
              ? {}
              : {
                  onCandidates: setCandidatesFor,
                  onAssign: (shift: ShiftView, person: GridPerson) =>
                    void flow.assign({
                      shiftId: shift.id,
                      personId: person.id,
                      personName: person.name,
                      shiftLabel: labelOf(shift),
                    }),
                })}
          />
        )}
      </QueryState>
      {candidatesFor && (
        <CandidatesPanel
          shiftId={candidatesFor.id}
          label={labelOf(candidatesFor)}
          onClose={() => setCandidatesFor(null)}
          onAssign={(c) => {
            setCandidatesFor(null);
            void flow.assign({
              shiftId: candidatesFor.id,
              personId: c.person_id,
              personName: c.display_name,
              shiftLabel: labelOf(candidatesFor),
            });
          }}
        />
      )}
      {flow.verdict?.kind === 'refused' && (
        <VerdictDialog
          key={`${flow.verdict.attempt.shiftId}:${flow.verdict.attempt.personId}`}
          verdict={flow.verdict}
          pending={flow.pending}
          onOverride={(reason) => {
            if (flow.verdict) void flow.override(flow.verdict.attempt, reason);
          }}
          onClose={flow.dismiss}
        />
      )}
    </section>
  );
}
