import { Caption1, Tab, TabList } from '@fluentui/react-components';
import type { WeekModel } from '../hooks/weekModel';

/** One week or two. */
export function PeriodLength({
  days,
  onChange,
}: {
  days: number;
  onChange: (days: 7 | 14) => void;
}) {
  return (
    <TabList
      size="small"
      aria-label="Period"
      selectedValue={String(days)}
      onTabSelect={(_, d) => onChange(d.value === '14' ? 14 : 7)}
    >
      <Tab value="7">1 week</Tab>
      <Tab value="14">2 weeks</Tab>
    </TabList>
  );
}

/** The period at a glance: people, unfilled seats, rules broken now. */
export function GridSummary({ model }: { model: WeekModel }) {
  const broken = model.rows.reduce((n, r) => n + r.violations.length, 0) + model.violationCount;
  const over = model.rows.filter(
    (r) => r.person.contractedHours != null && r.person.hours > r.person.contractedHours,
  ).length;
  return (
    <Caption1 as="p" aria-live="polite" style={{ margin: '0 0 8px' }}>
      {model.rows.length} people · {model.openSeats} unfilled{' '}
      {model.openSeats === 1 ? 'seat' : 'seats'} · {broken}{' '}
      {broken === 1 ? 'rule broken' : 'rules broken'} · {over} over contracted hours
    </Caption1>
  );
}
