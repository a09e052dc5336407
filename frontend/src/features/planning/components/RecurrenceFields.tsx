import {
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  ToggleButton,
} from '@fluentui/react-components';
import { type Control, Controller, useWatch } from 'react-hook-form';
import { describeRecurrence, WEEKDAY_NAMES } from './recurrence';
import type { TemplateValues } from './templateForm';

const FULL = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface Props {
  control: Control<TemplateValues>;
  weekdaysError: string | undefined;
  intervalError: string | undefined;
  onPatternChange: () => void;
}

/** Daily or weekly, every n, on the picked weekdays; the result in words underneath. */
export function RecurrenceFields({
  control,
  weekdaysError,
  intervalError,
  onPatternChange,
}: Props) {
  const [freq, interval, weekdays, custom] = useWatch({
    control,
    name: ['freq', 'interval', 'weekdays', 'custom_rrule'],
  });
  const summary = custom
    ? `Custom rule ${custom}; change the pattern to replace it.`
    : describeRecurrence({ freq, interval: Number(interval) || 1, weekdays });
  return (
    <fieldset style={{ border: 'none', padding: 0, margin: 0, display: 'grid', gap: 8 }}>
      <legend style={{ fontWeight: 600, marginBottom: 4 }}>Repeats</legend>
      <div style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}>
        <Controller
          name="freq"
          control={control}
          render={({ field }) => (
            <RadioGroup
              layout="horizontal"
              aria-label="Frequency"
              value={field.value}
              onChange={(_, d) => {
                field.onChange(d.value);
                onPatternChange();
              }}
            >
              <Radio value="DAILY" label="Daily" />
              <Radio value="WEEKLY" label="Weekly" />
            </RadioGroup>
          )}
        />
        <Controller
          name="interval"
          control={control}
          render={({ field }) => (
            <Field
              label={freq === 'DAILY' ? 'Every … days' : 'Every … weeks'}
              validationMessage={intervalError}
              style={{ width: 120 }}
            >
              <Input
                {...field}
                inputMode="numeric"
                onChange={(e) => {
                  field.onChange(e);
                  onPatternChange();
                }}
              />
            </Field>
          )}
        />
      </div>
      {freq === 'WEEKLY' && (
        <Controller
          name="weekdays"
          control={control}
          render={({ field }) => (
            <Field label="On" validationMessage={weekdaysError}>
              <fieldset
                aria-label="Weekdays"
                style={{
                  display: 'flex',
                  gap: 4,
                  flexWrap: 'wrap',
                  border: 'none',
                  padding: 0,
                  margin: 0,
                }}
              >
                {WEEKDAY_NAMES.map((name, day) => (
                  <ToggleButton
                    key={name}
                    size="small"
                    aria-label={FULL[day]}
                    checked={field.value.includes(day)}
                    onClick={() => {
                      field.onChange(
                        field.value.includes(day)
                          ? field.value.filter((d) => d !== day)
                          : [...field.value, day].sort((a, b) => a - b),
                      );
                      onPatternChange();
                    }}
                  >
                    {name}
                  </ToggleButton>
                ))}
              </fieldset>
            </Field>
          )}
        />
      )}
      {freq !== 'WEEKLY' && weekdaysError && <Caption1 role="alert">{weekdaysError}</Caption1>}
      <Caption1 aria-live="polite">{summary}</Caption1>
    </fieldset>
  );
}
