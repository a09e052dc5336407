import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import type { Slot } from '@/client/types.gen';
import { applyApiErrors } from '@/lib/forms';
import { useReplacePattern } from '../api/availability';
import {
  fromSlots,
  type PatternValues,
  patternSchema,
  STATUSES,
  slotFieldNames,
  toSlots,
  WEEKDAYS,
} from './availabilityForm';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr)) auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  list: { display: 'grid', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

type RowField = 'start_time' | 'end_time';

/** The weekly pattern: slots by weekday with local times; saved as a whole. */
export function PatternEditor({ personId, slots }: { personId: string; slots: readonly Slot[] }) {
  const styles = useStyles();
  const replace = useReplacePattern();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<PatternValues>({
    resolver: zodResolver(patternSchema),
    defaultValues: fromSlots(slots),
  });
  const rows = useFieldArray({ control, name: 'slots' });
  const errors = formState.errors.slots;

  const submit = handleSubmit(async (values) => {
    setMessage(null);
    try {
      await replace.mutateAsync({
        path: { person_id: personId },
        body: { slots: toSlots(values) },
      });
      setMessage({ ok: true, text: 'Your weekly availability is saved.' });
    } catch (thrown) {
      const names = slotFieldNames(values.slots.length);
      setMessage({ ok: false, text: applyApiErrors(thrown, setError, names) });
    }
  });

  const time = (index: number, name: RowField, label: string) => (
    <Controller
      name={`slots.${index}.${name}`}
      control={control}
      render={({ field }) => (
        <Field label={label} validationMessage={errors?.[index]?.[name]?.message}>
          <Input {...field} type="time" />
        </Field>
      )}
    />
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Weekly availability">
      <div className={styles.list}>
        {rows.fields.length === 0 && (
          <Caption1 as="p">
            No weekly pattern: you may be asked to work any time. Add the times you can (or cannot)
            work.
          </Caption1>
        )}
        {rows.fields.map((row, index) => (
          <div key={row.id} className={styles.row}>
            <Controller
              name={`slots.${index}.weekday`}
              control={control}
              render={({ field }) => (
                <Field label="Day" validationMessage={errors?.[index]?.weekday?.message}>
                  <Select {...field}>
                    {WEEKDAYS.map((d, i) => (
                      <option key={d} value={String(i)}>
                        {d}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
            />
            {time(index, 'start_time', 'From')}
            {time(index, 'end_time', 'To')}
            <Controller
              name={`slots.${index}.status`}
              control={control}
              render={({ field }) => (
                <Field label="I am" validationMessage={errors?.[index]?.status?.message}>
                  <Select {...field}>
                    {STATUSES.map((s) => (
                      <option key={s.value} value={s.value}>
                        {s.label}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
            />
            <Button
              appearance="subtle"
              icon={<DeleteRegular />}
              aria-label={`Remove slot ${index + 1}`}
              onClick={() => rows.remove(index)}
            />
          </div>
        ))}
        <Caption1>
          A “To” at or before “From” runs into the next day; 00:00–00:00 is the whole day.
        </Caption1>
        {message && (
          <MessageBar intent={message.ok ? 'success' : 'error'}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.actions}>
          <Button
            icon={<AddRegular />}
            onClick={() =>
              rows.append({
                weekday: '0',
                start_time: '09:00',
                end_time: '17:00',
                status: 'available',
              })
            }
          >
            Add a time
          </Button>
          <Button appearance="primary" type="submit" disabled={formState.isSubmitting}>
            Save weekly pattern
          </Button>
        </div>
      </div>
    </form>
  );
}
