import { makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import type { DragEvent } from 'react';
import type { Shift } from '@/client/types.gen';
import { localTime } from '@/lib/time';

const useStyles = makeStyles({
  chip: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: '4px 6px',
    marginBottom: '4px',
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.border('1px', 'solid', tokens.colorNeutralStroke1),
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
  },
  open: {
    ...shorthands.borderColor(tokens.colorPaletteDarkOrangeBorder2),
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    cursor: 'grab',
  },
  draft: { ...shorthands.borderStyle('dashed') },
  picked: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '1px' },
  over: { backgroundColor: tokens.colorBrandBackground2 },
  time: { fontWeight: tokens.fontWeightSemibold },
});

export function shiftLabel(shift: Shift, zone: string, skill: string | undefined): string {
  const time = `${localTime(shift.starts_at, zone)}–${localTime(shift.ends_at, zone)}`;
  return skill ? `${time} ${skill}` : time;
}

interface Props {
  shift: Shift;
  zone: string;
  skill: string | undefined;
  variant: 'open' | 'assigned';
  picked?: boolean;
  over?: boolean;
  onPick?: () => void;
  onDragStart?: (e: DragEvent) => void;
  onDragOver?: (e: DragEvent) => void;
  onDragLeave?: () => void;
  onDrop?: (e: DragEvent) => void;
}

/** A shift in a grid cell: time, skill, seats filled of headcount. */
export function ShiftChip(props: Props) {
  const { shift, zone, skill, variant, picked, over, onPick } = props;
  const styles = useStyles();
  const seats = `${shift.assigned_count}/${shift.headcount}`;
  const open = variant === 'open';
  const describe = `${shiftLabel(shift, zone, skill)}, ${seats} filled${
    shift.state === 'draft' ? ', draft' : ''
  }`;
  return (
    <button
      type="button"
      className={mergeClasses(
        styles.chip,
        open && styles.open,
        shift.state === 'draft' && styles.draft,
        picked && styles.picked,
        over && styles.over,
      )}
      aria-label={open ? `Open shift ${describe}` : describe}
      aria-pressed={open ? Boolean(picked) : undefined}
      data-shift-id={shift.id}
      draggable={open}
      onClick={onPick}
      onDragStart={props.onDragStart}
      onDragOver={props.onDragOver}
      onDragLeave={props.onDragLeave}
      onDrop={props.onDrop}
    >
      <span className={styles.time}>
        {localTime(shift.starts_at, zone)}–{localTime(shift.ends_at, zone)}
      </span>{' '}
      {skill ?? 'Any skill'}
      <br />
      {seats} filled{shift.state === 'draft' ? ' · draft' : ''}
    </button>
  );
}
