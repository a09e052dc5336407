import { makeStyles, tokens } from '@fluentui/react-components';

export const NAME_COLUMN = 200;
export const DAY_COLUMN = 140;
const HEADER_HEIGHT = 40;

export const useGridStyles = makeStyles({
  scroller: {
    height: 'calc(100vh - 220px)',
    minHeight: '320px',
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    position: 'relative',
  },
  row: {
    display: 'grid',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    position: 'sticky',
    top: 0,
    height: `${HEADER_HEIGHT}px`,
    alignItems: 'center',
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  openRow: {
    position: 'sticky',
    top: `${HEADER_HEIGHT}px`,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    boxShadow: tokens.shadow2,
  },
  cell: {
    padding: '4px',
    borderLeft: `1px solid ${tokens.colorNeutralStroke3}`,
    minHeight: '36px',
    minWidth: 0,
  },
  // The open row stays on screen while scrolling, so a busy day scrolls within its cell.
  openCell: { maxHeight: '26vh', overflowY: 'auto' },
  nameCell: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    padding: '6px 8px',
    backgroundColor: 'inherit',
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    cursor: 'grab',
  },
  over: { backgroundColor: tokens.colorBrandBackground2 },
  over100: { color: tokens.colorPaletteRedForeground1 },
  under: { color: tokens.colorPaletteDarkOrangeForeground1 },
  assignHere: { fontSize: tokens.fontSizeBase200 },
  pickedBar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    marginBottom: tokens.spacingVerticalS,
  },
});

export function columns(days: number): string {
  return `${NAME_COLUMN}px repeat(${days}, minmax(${DAY_COLUMN}px, 1fr))`;
}
