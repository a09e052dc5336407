import { useVirtualizer } from '@tanstack/react-virtual';
import { type DragEvent, memo } from 'react';
import type { GridPerson, PersonRow as Row, ShiftView } from '../hooks/weekModel';
import { PersonRow } from './PersonRow';

interface Props {
  rows: readonly Row[];
  days: string[];
  zone: string;
  skills: Map<string, string>;
  /** The scrolling element, once mounted (state, not a ref, so the list renders again). */
  scroller: HTMLElement | null;
  picked: ShiftView | null;
  pickedDay: string | null;
  acceptsShift: boolean;
  onOpenShift?: ((shift: ShiftView) => void) | undefined;
  onPersonDragStart: (e: DragEvent, person: GridPerson) => void;
  onAssignHere: (person: GridPerson) => void;
}

/**
 * Only the rows in view (and a few either side) are in the page. Scrolling re-renders this
 * list alone, and rows already shown are memoised, so a frame does the new rows' work only.
 */
export const GridRows = memo(function GridRows(props: Props) {
  const { rows, scroller } = props;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller,
    estimateSize: () => 56,
    overscan: 6,
    // Render after the scroll event, not synchronously inside it.
    useFlushSync: false,
  });
  return (
    <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <div
            key={row.person.id}
            data-index={item.index}
            ref={virtualizer.measureElement}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              transform: `translateY(${item.start}px)`,
            }}
          >
            <PersonRow
              row={row}
              days={props.days}
              zone={props.zone}
              skills={props.skills}
              picked={props.picked}
              pickedDay={props.pickedDay}
              acceptsShift={props.acceptsShift}
              onOpenShift={props.onOpenShift}
              onPersonDragStart={props.onPersonDragStart}
              onAssignHere={props.onAssignHere}
            />
          </div>
        );
      })}
    </div>
  );
});
