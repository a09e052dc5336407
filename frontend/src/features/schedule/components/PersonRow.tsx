import { Button, Caption1, mergeClasses, Text } from '@fluentui/react-components';
import { type DragEvent, useState } from 'react';
import type { Shift } from '@/client/types.gen';
import type { PersonRow as Row } from '../hooks/weekModel';
import { columns, useGridStyles } from './gridStyles';
import { ShiftChip } from './ShiftChip';

interface Props {
  row: Row;
  days: string[];
  zone: string;
  skills: Map<string, string>;
  picked: Shift | null;
  pickedDay: string | null;
  onPersonDragStart: (e: DragEvent) => void;
  /** A shift was dropped on this person's cell, or "Assign here" pressed. */
  onAssignHere: () => void;
  acceptsShift: boolean;
  onOpenShift?: (shift: Shift) => void;
}

function hoursText(hours: number, contracted: number | null): string {
  const h = Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
  return contracted == null ? `${h} h` : `${h} / ${contracted} h`;
}

/** One person: name with hours this week (against contract), then their shifts by day. */
export function PersonRow(props: Props) {
  const { row, days, zone, skills, picked, pickedDay, acceptsShift } = props;
  const styles = useGridStyles();
  const [overDay, setOverDay] = useState<string | null>(null);
  const { person } = row;
  const overContract = person.contractedHours != null && row.hours > person.contractedHours;

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
      props.onAssignHere();
    },
  });

  return (
    <div className={styles.row} style={{ gridTemplateColumns: columns(days.length) }}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dragging is the pointer path; keyboard users press a shift, then "Assign here" */}
      <div
        className={styles.nameCell}
        draggable
        onDragStart={props.onPersonDragStart}
        data-person-id={person.id}
        title={`Drag ${person.name} onto an open shift`}
      >
        <Text weight="semibold" truncate wrap={false}>
          {person.name}
        </Text>
        <Caption1 className={mergeClasses(overContract && styles.over100)}>
          {hoursText(row.hours, person.contractedHours)}
        </Caption1>
      </div>
      {days.map((day) => (
        <div
          key={day}
          className={mergeClasses(styles.cell, overDay === day && styles.over)}
          data-day={day}
          {...dropProps(day)}
        >
          {(row.byDay.get(day) ?? []).map((shift) => (
            <ShiftChip
              key={shift.id}
              shift={shift}
              zone={zone}
              skill={shift.skill_id ? skills.get(shift.skill_id) : undefined}
              variant="assigned"
              onPick={props.onOpenShift ? () => props.onOpenShift?.(shift) : undefined}
            />
          ))}
          {picked && pickedDay === day && (
            <Button
              size="small"
              className={styles.assignHere}
              onClick={props.onAssignHere}
              aria-label={`Assign ${person.name} to the picked shift`}
            >
              Assign here
            </Button>
          )}
        </div>
      ))}
    </div>
  );
}
