import { Button, Caption1, mergeClasses, Text } from '@fluentui/react-components';
import { type DragEvent, memo, useState } from 'react';
import type { GridPerson, PersonRow as Row, ShiftView } from '../hooks/weekModel';
import { columns, useGridStyles } from './gridStyles';
import { ShiftChip } from './ShiftChip';

interface Props {
  row: Row;
  days: string[];
  zone: string;
  skills: Map<string, string>;
  picked: ShiftView | null;
  pickedDay: string | null;
  onPersonDragStart: (e: DragEvent, person: GridPerson) => void;
  /** A shift was dropped on this person's cell, or "Assign here" pressed. */
  onAssignHere: (person: GridPerson) => void;
  acceptsShift: boolean;
  onOpenShift?: ((shift: ShiftView) => void) | undefined;
}

function hoursText(hours: number, contracted: number | null): string {
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  return contracted == null ? `${fmt(hours)} h` : `${fmt(hours)} / ${fmt(contracted)} h`;
}

/** One person: name with hours in the period (against contract), then their shifts by day. */
export const PersonRow = memo(function PersonRow(props: Props) {
  const { row, days, zone, skills, picked, pickedDay, acceptsShift } = props;
  const styles = useGridStyles();
  const [overDay, setOverDay] = useState<string | null>(null);
  const { person, violations } = row;
  const overContract = person.contractedHours != null && person.hours > person.contractedHours;
  const underContract =
    person.contractedHours != null && person.hours < person.contractedHours - 0.01;

  const dropProps = (day: string) => ({
    onDragOver: (e: DragEvent) => {
      if (!acceptsShift) return;
      e.preventDefault();
      setOverDay(day);
    },
    onDragLeave: () => setOverDay(null),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setOverDay(null);
      props.onAssignHere(person);
    },
  });

  return (
    <div className={styles.row} style={{ gridTemplateColumns: columns(days.length) }}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dragging is the pointer path; keyboard users press a shift, then "Assign here" */}
      <div
        className={styles.nameCell}
        draggable
        onDragStart={(e) => props.onPersonDragStart(e, person)}
        data-person-id={person.id}
        title={
          violations.length > 0
            ? violations.map((v) => v.message).join('\n')
            : `Drag ${person.name} onto an open shift`
        }
      >
        <Text weight="semibold" truncate wrap={false}>
          {person.name}
        </Text>
        <Caption1
          className={mergeClasses(overContract && styles.over100, underContract && styles.under)}
        >
          {hoursText(person.hours, person.contractedHours)}
          {violations.length > 0 && (
            <span
              className={
                violations.some((v) => v.severity === 'hard') ? styles.over100 : styles.under
              }
            >
              {' '}
              · {violations.length} broken
            </span>
          )}
        </Caption1>
      </div>
      {days.map((day) => (
        <div
          key={day}
          className={mergeClasses(styles.cell, overDay === day && styles.over)}
          data-day={day}
          {...dropProps(day)}
        >
          {(row.byDay.get(day) ?? []).map(({ shift, proposed, violations: broken }) => (
            <ShiftChip
              key={`${shift.id}:${proposed ?? ''}`}
              shift={shift}
              zone={zone}
              skill={shift.skill_id ? skills.get(shift.skill_id) : undefined}
              variant={
                proposed === 'add' ? 'proposed' : proposed === 'remove' ? 'removed' : 'assigned'
              }
              violations={broken}
              onPick={props.onOpenShift && !proposed ? () => props.onOpenShift?.(shift) : undefined}
            />
          ))}
          {picked && pickedDay === day && (
            <Button
              size="small"
              className={styles.assignHere}
              onClick={() => props.onAssignHere(person)}
              aria-label={`Assign ${person.name} to the picked shift`}
            >
              Assign here
            </Button>
          )}
        </div>
      ))}
    </div>
  );
});
