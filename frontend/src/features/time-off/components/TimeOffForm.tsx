import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { applyApiErrors } from '@/lib/forms';
import { useCreateTimeOff } from '../api/timeOff';
import {
  KINDS,
  TIME_OFF_ALIASES,
  TIME_OFF_FIELDS,
  type TimeOffValues,
  timeOffSchema,
  toTimeOffBody,
} from './timeOffForm';

/** Ask for whole days off, reckoned in the home location's zone. */
export function TimeOffForm({ zone, today }: { zone: string; today: string }) {
  const create = useCreateTimeOff();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { control, handleSubmit, setError, formState, setValue } = useForm<TimeOffValues>({
    resolver: zodResolver(timeOffSchema),
    defaultValues: { kind: 'vacation', first_day: today, last_day: today, reason: '' },
  });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setMessage(null);
    try {
      await create.mutateAsync({ body: toTimeOffBody(values, zone) });
      setValue('reason', '');
      setMessage({ ok: true, text: 'Request sent. Your coordinator will decide.' });
    } catch (thrown) {
      setMessage({
        ok: false,
        text: applyApiErrors(thrown, setError, TIME_OFF_FIELDS, TIME_OFF_ALIASES),
      });
    }
  });

  const day = (name: 'first_day' | 'last_day', label: string) => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Field label={label} required validationMessage={errors[name]?.message}>
          <Input {...field} type="date" />
        </Field>
      )}
    />
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Request time off"
      style={{ display: 'grid', gap: 8 }}
    >
      {message && (
        <MessageBar intent={message.ok ? 'success' : 'error'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
          gap: 8,
        }}
      >
        {day('first_day', 'First day off')}
        {day('last_day', 'Last day off')}
        <Controller
          name="kind"
          control={control}
          render={({ field }) => (
            <Field label="Kind" validationMessage={errors.kind?.message}>
              <Select {...field}>
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        />
      </div>
      <Controller
        name="reason"
        control={control}
        render={({ field }) => (
          <Field label="Reason (optional)" validationMessage={errors.reason?.message}>
            <Textarea {...field} />
          </Field>
        )}
      />
      <div>
        <Button appearance="primary" type="submit" disabled={formState.isSubmitting}>
          Request time off
        </Button>
      </div>
    </form>
  );
}
