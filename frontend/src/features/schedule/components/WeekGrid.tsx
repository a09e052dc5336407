import { Button, Caption1, mergeClasses, Text } from '@fluentui/react-components';
import { type DragEvent, useCallback, useRef, useState } from 'react';
import { dayLabel, localDate } from '@/lib/time';
import type { GridPerson, ShiftView, WeekModel } from '../hooks/weekModel';
import { GridRows } from './GridRows';
import { columns, DAY_COLUMN, NAME_COLUMN, useGridStyles } from './gridStyles';
import { openReasonText } from './openReason';
import { ShiftChip, shiftLabel } from './ShiftChip';

type Dragging = { kind: 'person'; person: GridPerson } | { kind: 'shift'; shift: ShiftView } | null;

interface Props {
  model: WeekModel;
  zone: string;
  skills: Map<string, string>;
  /** Absent while a proposal is previewed: nothing is assigned by hand then. */
  onAssign?: (shift: ShiftView, person: GridPerson) => void;
  /** Open a shift for editing: an assigned shift pressed, or "Edit shift" on a picked one. */
  onOpenShift?: (shift: ShiftView) => void;
  /** Show the ranked candidates for a picked open shift's seat. */
  onCandidates?: (shift: ShiftView) => void;
}

function startDrag(e: DragEvent, id: string) {
  // Some browsers start a drag only when data is set; the id itself travels in React state.
  e.dataTransfer?.setData('text/plain', id);
  if (e.dataTransfer) e.dataTransfer.effectAllowed = 'copy';
}

/**
 * People × days for one location and week, with the open shifts on top. Drag a person onto
 * an open shift, or an open shift onto a person; or press a shift, then "Assign here".
 */
export function WeekGrid({ model, zone, skills, onAssign, onOpenShift, onCandidates }: Props) {
  const styles = useGridStyles();
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [dragging, setDragging] = useState<Dragging>(null);
  const [picked, setPicked] = useState<ShiftView | null>(null);
  const [overShift, setOverShift] = useState<string | null>(null);
  // Kept stable across renders so the memoised rows skip re-rendering while scrolling.
  const state = useRef({ dragging, picked, onAssign });
  state.current = { dragging, picked, onAssign };
  const onPersonDragStart = useCallback((e: DragEvent, person: GridPerson) => {
    startDrag(e, person.id);
    setDragging({ kind: 'person', person });
  }, []);
  const onAssignHere = useCallback((person: GridPerson) => {
    const { dragging: d, picked: p, onAssign: assign } = state.current;
    const shift = d?.kind === 'shift' ? d.shift : p;
    if (shift) assign?.(shift, person);
    setDragging(null);
    setPicked(null);
  }, []);
  const template = columns(model.days.length);
  const pickedDay = picked ? localDate(picked.starts_at, zone) : null;

  const openChipDrop = (shift: ShiftView) => ({
    onDragOver: (e: DragEvent) => {
      if (dragging?.kind !== 'person') return;
      e.preventDefault();
      setOverShift(shift.id);
    },
    onDragLeave: () => setOverShift(null),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setOverShift(null);
      if (dragging?.kind === 'person') onAssign?.(shift, dragging.person);
      setDragging(null);
    },
  });

  return (
    <>
      {picked && (
        <div className={styles.pickedBar} aria-live="polite">
          <Text>
            Picked {dayLabel(localDate(picked.starts_at, zone))}{' '}
            {shiftLabel(picked, zone, picked.skill_id ? skills.get(picked.skill_id) : undefined)}:
            press “Assign here” in a person’s row.
          </Text>
          {onCandidates && picked.open_seats > 0 && (
            <Button size="small" appearance="primary" onClick={() => onCandidates(picked)}>
              Candidates
            </Button>
          )}
          {onOpenShift && (
            <Button size="small" onClick={() => onOpenShift(picked)}>
              Edit shift
            </Button>
          )}
          <Button size="small" appearance="subtle" onClick={() => setPicked(null)}>
            Unpick
          </Button>
        </div>
      )}
      <section
        ref={setScroller}
        className={styles.scroller}
        aria-label="Week grid"
        tabIndex={-1}
        onDragEnd={() => setDragging(null)}
        onKeyDown={(e) => e.key === 'Escape' && setPicked(null)}
      >
        {/* A fixed minimum, not max-content: one long chip must not widen every day. */}
        <div style={{ minWidth: NAME_COLUMN + model.days.length * DAY_COLUMN }}>
          <div
            className={mergeClasses(styles.row, styles.header)}
            style={{ gridTemplateColumns: template }}
          >
            <div className={styles.nameCell}>Person</div>
            {model.days.map((day) => (
              <div key={day} className={styles.cell}>
                {dayLabel(day)}
              </div>
            ))}
          </div>
          <div
            className={mergeClasses(styles.row, styles.openRow)}
            style={{ gridTemplateColumns: template }}
          >
            <div className={styles.nameCell} style={{ cursor: 'default' }}>
              <Text weight="semibold">Open shifts</Text>
              <Caption1>
                {model.openSeats} unfilled {model.openSeats === 1 ? 'seat' : 'seats'}
              </Caption1>
            </div>
            {model.days.map((day) => (
              <div
                key={day}
                className={mergeClasses(styles.cell, styles.openCell)}
                data-open-day={day}
              >
                {(model.openByDay.get(day) ?? []).map(({ shift, open, reason }) => (
                  <ShiftChip
                    key={shift.id}
                    shift={shift}
                    zone={zone}
                    skill={shift.skill_id ? skills.get(shift.skill_id) : undefined}
                    variant="open"
                    open={open}
                    {...(reason ? { note: openReasonText(reason) } : {})}
                    picked={picked?.id === shift.id}
                    over={overShift === shift.id}
                    {...(onAssign
                      ? {
                          onPick: () => setPicked(picked?.id === shift.id ? null : shift),
                          onDragStart: (e: DragEvent) => {
                            startDrag(e, shift.id);
                            setDragging({ kind: 'shift', shift });
                          },
                          ...openChipDrop(shift),
                        }
                      : {})}
                  />
                ))}
              </div>
            ))}
          </div>
          <GridRows
            rows={model.rows}
            days={model.days}
            zone={zone}
            skills={skills}
            scroller={scroller}
            picked={picked}
            pickedDay={pickedDay}
            acceptsShift={dragging?.kind === 'shift'}
            onOpenShift={onOpenShift}
            onPersonDragStart={onPersonDragStart}
            onAssignHere={onAssignHere}
          />
        </div>
      </section>
    </>
  );
}
