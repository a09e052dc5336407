import { Button, Text } from '@fluentui/react-components';
import { ChevronLeftRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { addDays, dayLabel } from '@/lib/time';
import { PERIOD_STEP_DAYS } from '../api/period';

interface Props {
  start: string;
  days: number;
  today: string;
  onChange: (start: string) => void;
}

export function WeekPicker({ start, days, today, onChange }: Props) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
      <Button
        icon={<ChevronLeftRegular />}
        aria-label="Previous week"
        onClick={() => onChange(addDays(start, -PERIOD_STEP_DAYS))}
      />
      <Text weight="semibold" aria-live="polite" style={{ minWidth: 170, textAlign: 'center' }}>
        {dayLabel(start)} – {dayLabel(addDays(start, days - 1))}
      </Text>
      <Button
        icon={<ChevronRightRegular />}
        aria-label="Next week"
        onClick={() => onChange(addDays(start, PERIOD_STEP_DAYS))}
      />
      <Button appearance="subtle" onClick={() => onChange(today)}>
        This week
      </Button>
    </div>
  );
}
