import { makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import type { DragEvent } from 'react';
import type { Violation } from '@/client/types.gen';
import { localTime } from '@/lib/time';
import type { ShiftView } from '../hooks/weekModel';

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
  proposed: {
    ...shorthands.border('2px', 'dashed', tokens.colorBrandStroke1),
    backgroundColor: tokens.colorBrandBackground2,
  },
  removed: { textDecorationLine: 'line-through', opacity: 0.6 },
  broken: { ...shorthands.borderColor(tokens.colorPaletteRedBorder2) },
  warned: { ...shorthands.borderColor(tokens.colorPaletteDarkOrangeBorder1) },
  draft: { ...shorthands.borderStyle('dashed') },
  picked: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '1px' },
  over: { backgroundColor: tokens.colorBrandBackground2 },
  time: { fontWeight: tokens.fontWeightSemibold },
  soft: { color: tokens.colorPaletteDarkOrangeForeground1 },
  warn: {
    color: tokens.colorPaletteRedForeground1,
    verticalAlign: 'text-bottom',
    marginRight: '2px',
  },
  reason: { display: 'block', color: tokens.colorNeutralForeground2 },
});

type ShiftTimes = Pick<ShiftView, 'starts_at' | 'ends_at'>;

export function shiftLabel(shift: ShiftTimes, zone: string, skill: string | undefined): string {
  const time = `${localTime(shift.starts_at, zone)}–${localTime(shift.ends_at, zone)}`;
  return skill ? `${time} ${skill}` : time;
}

export type ChipVariant = 'open' | 'assigned' | 'proposed' | 'removed';

interface Props {
  shift: ShiftView;
  zone: string;
  skill: string | undefined;
  variant: ChipVariant;
  /** Open seats left (open-row chips; with a proposal shown, after it). */
  open?: number;
  /** The rules this cell breaks now. */
  violations?: readonly Violation[];
  /** Why the seats stay open, in words (a proposal's open seat). */
  note?: string;
  picked?: boolean;
  over?: boolean;
  onPick?: () => void;
  onDragStart?: (e: DragEvent) => void;
  onDragOver?: (e: DragEvent) => void;
  onDragLeave?: () => void;
  onDrop?: (e: DragEvent) => void;
}

const PREFIX: Record<ChipVariant, string> = {
  open: 'Open shift ',
  assigned: '',
  proposed: 'Proposed ',
  removed: 'Proposed removal ',
};

/** A shift in a grid cell: time, skill, seats filled of headcount, and any rule it breaks. */
export function ShiftChip(props: Props) {
  const { shift, zone, skill, variant, picked, over, onPick, violations = [] } = props;
  const styles = useStyles();
  const filled =
    variant === 'open' && props.open !== undefined
      ? shift.headcount - props.open
      : shift.assigned_count;
  const seats = `${filled}/${shift.headcount}`;
  const broken = violations.length > 0;
  // Hard rules (refusals, or overridden ones) in red; soft ones (warnings) in orange.
  const hard = violations.some((v) => v.severity === 'hard');
  const rules = violations.map((v) => v.message).join(' ');
  const describe = `${PREFIX[variant]}${shiftLabel(shift, zone, skill)}, ${seats} filled${
    shift.state === 'draft' ? ', draft' : ''
  }${broken ? `. Breaks: ${rules}` : ''}${props.note ? `. ${props.note}` : ''}`;
  return (
    <button
      type="button"
      className={mergeClasses(
        styles.chip,
        variant === 'open' && styles.open,
        variant === 'proposed' && styles.proposed,
        variant === 'removed' && styles.removed,
        hard && styles.broken,
        broken && !hard && styles.warned,
        shift.state === 'draft' && styles.draft,
        picked && styles.picked,
        over && styles.over,
      )}
      aria-label={describe}
      aria-pressed={variant === 'open' ? Boolean(picked) : undefined}
      title={broken ? rules : props.note}
      data-shift-id={shift.id}
      data-variant={variant}
      draggable={variant === 'open'}
      onClick={onPick}
      onDragStart={props.onDragStart}
      onDragOver={props.onDragOver}
      onDragLeave={props.onDragLeave}
      onDrop={props.onDrop}
    >
      {broken && (
        <WarningFilled className={mergeClasses(styles.warn, !hard && styles.soft)} aria-hidden />
      )}
      <span className={styles.time}>
        {localTime(shift.starts_at, zone)}–{localTime(shift.ends_at, zone)}
      </span>{' '}
      {skill ?? 'Any skill'}
      <br />
      {variant === 'proposed'
        ? 'Proposed assignment'
        : variant === 'removed'
          ? 'Proposed removal'
          : `${seats} filled${shift.state === 'draft' ? ' · draft' : ''}`}
      {props.note && <span className={styles.reason}>{props.note}</span>}
    </button>
  );
}
