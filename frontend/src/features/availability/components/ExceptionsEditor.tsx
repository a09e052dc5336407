import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { AvailabilityExceptionRead } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { applyApiErrors, blankToNull } from '@/lib/forms';
import { dayLabel } from '@/lib/time';
import { useCreateException, useDeleteException } from '../api/availability';
import { type ExceptionValues, exceptionSchema, STATUSES } from './availabilityForm';

const FIELDS = ['exception_date', 'start_time', 'end_time', 'status', 'note'] as const;
const statusLabel = (s: string) => STATUSES.find((x) => x.value === s)?.label ?? s;

interface Props {
  personId: string;
  today: string;
  exceptions: readonly AvailabilityExceptionRead[];
}

/** Dated exceptions: each replaces the weekly pattern on its day. */
export function ExceptionsEditor({ personId, today, exceptions }: Props) {
  const create = useCreateException();
  const remove = useDeleteException();
  const [formError, setFormError] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  const { control, handleSubmit, setError, formState, reset, watch } = useForm<ExceptionValues>({
    resolver: zodResolver(exceptionSchema),
    defaultValues: {
      exception_date: today,
      whole_day: true,
      start_time: '09:00',
      end_time: '17:00',
      status: 'unavailable',
      note: '',
    },
  });
  const wholeDay = watch('whole_day');
  const errors = formState.errors;

  const submit = handleSubmit(async (v) => {
    setFormError(null);
    try {
      await create.mutateAsync({
        path: { person_id: personId },
        body: {
          exception_date: v.exception_date,
          start_time: v.whole_day ? null : v.start_time,
          end_time: v.whole_day ? null : v.end_time,
          status: v.status,
          note: blankToNull(v.note),
        },
      });
      reset({ ...v, note: '' });
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, FIELDS));
    }
  });

  return (
    <div style={{ display: 'grid', gap: 12 }}>
      {exceptions.length === 0 ? (
        <Body1 as="p">No exceptions in the next eight weeks.</Body1>
      ) : (
        <ul
          aria-label="Exceptions"
          style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 4 }}
        >
          {exceptions.map((e) => (
            <li
              key={e.id}
              style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}
            >
              <Body1>
                {dayLabel(e.exception_date)}:{' '}
                {e.start_time && e.end_time
                  ? `${e.start_time.slice(0, 5)}–${e.end_time.slice(0, 5)}`
                  : 'all day'}{' '}
                {statusLabel(e.status).toLowerCase()}
                {e.note ? ` (${e.note})` : ''}
              </Body1>
              <Button
                size="small"
                appearance="subtle"
                icon={<DeleteRegular />}
                aria-label={`Remove the exception on ${dayLabel(e.exception_date)}`}
                onClick={() =>
                  remove.mutate(
                    { path: { person_id: personId, exception_id: e.id } },
                    { onError: (err) => setRowError({ id: e.id, text: toApiError(err).detail }) },
                  )
                }
              />
              {rowError?.id === e.id && <Caption1 role="alert">{rowError.text}</Caption1>}
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={submit}
        noValidate
        aria-label="Add an exception"
        style={{ display: 'grid', gap: 8 }}
      >
        {formError && (
          <MessageBar intent="error">
            <MessageBarBody>{formError}</MessageBarBody>
          </MessageBar>
        )}
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
            gap: 8,
          }}
        >
          <Controller
            name="exception_date"
            control={control}
            render={({ field }) => (
              <Field label="Day" validationMessage={errors.exception_date?.message}>
                <Input {...field} type="date" />
              </Field>
            )}
          />
          <Controller
            name="status"
            control={control}
            render={({ field }) => (
              <Field label="I am" validationMessage={errors.status?.message}>
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
          {!wholeDay &&
            (['start_time', 'end_time'] as const).map((name) => (
              <Controller
                key={name}
                name={name}
                control={control}
                render={({ field }) => (
                  <Field
                    label={name === 'start_time' ? 'From' : 'To'}
                    validationMessage={errors[name]?.message}
                  >
                    <Input {...field} type="time" />
                  </Field>
                )}
              />
            ))}
        </div>
        <Controller
          name="whole_day"
          control={control}
          render={({ field }) => (
            <Checkbox
              checked={field.value}
              onChange={(_, d) => field.onChange(Boolean(d.checked))}
              label="The whole day"
            />
          )}
        />
        <Controller
          name="note"
          control={control}
          render={({ field }) => (
            <Field label="Note (optional)" validationMessage={errors.note?.message}>
              <Input {...field} />
            </Field>
          )}
        />
        <div>
          <Button type="submit" disabled={formState.isSubmitting}>
            Add exception
          </Button>
        </div>
      </form>
    </div>
  );
}
