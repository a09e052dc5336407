import { Field, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toApiError } from '@/lib/errors';
import { applyApiErrors } from '@/lib/forms';
import { dayLabel, localDate, localTime } from '@/lib/time';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useColleagues, useCreateRequest, useLocationShiftsAhead } from '../api/requests';
import {
  GIVE_AWAY_FIELDS,
  type GiveAwayValues,
  giveAwaySchema,
  toRequestBody,
} from './giveAwayForm';

interface Props {
  assignmentId: string;
  locationId: string;
  /** The location's zone: the colleague's shifts are shown in it. */
  zone: string;
  personId: string;
  /** "Mon 6 Jul 07:00–15:00 at North ward" */
  label: string;
  onClose: (sent: boolean) => void;
}

/**
 * Drop one of my shifts to anyone qualified, offer it to a named colleague, or swap it for
 * one of theirs.
 */
export function GiveAwayDialog(props: Props) {
  const { assignmentId, locationId, zone, personId, label, onClose } = props;
  const create = useCreateRequest();
  const colleagues = useColleagues(locationId);
  const [now] = useState(() => new Date());
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState, watch } = useForm<GiveAwayValues>({
    resolver: zodResolver(giveAwaySchema),
    defaultValues: {
      kind: 'drop',
      counterpart_person_id: '',
      counterpart_assignment_id: '',
      note: '',
    },
  });
  const errors = formState.errors;
  const others = (colleagues.data?.items ?? []).filter((p) => p.id !== personId);
  const [kind, colleague] = watch(['kind', 'counterpart_person_id']);
  const shifts = useLocationShiftsAhead(kind === 'swap' ? locationId : null, now);
  const theirs = (shifts.data?.items ?? []).flatMap((s) =>
    s.assignments
      .filter((a) => a.person_id === colleague)
      .map((a) => ({
        id: a.id,
        label: `${dayLabel(localDate(s.starts_at, zone))} ${localTime(s.starts_at, zone)}–${localTime(s.ends_at, zone)}`,
      })),
  );

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await create.mutateAsync({ body: toRequestBody(assignmentId, values) });
      onClose(true);
    } catch (thrown) {
      const rules = toApiError(thrown).violations.map((v) => v.message);
      setFormError([applyApiErrors(thrown, setError, GIVE_AWAY_FIELDS), ...rules].join(' '));
    }
  });

  return (
    <FormDialog
      open
      title={`Swap, offer or drop ${label}`}
      submitLabel="Send request"
      pending={create.isPending}
      formError={formError}
      onSubmit={submit}
      onClose={() => onClose(false)}
    >
      <Controller
        name="kind"
        control={control}
        render={({ field }) => (
          <Field label="How">
            <RadioGroup
              value={field.value}
              onChange={(_, d) => field.onChange(d.value)}
              aria-label="How"
            >
              <Radio value="drop" label="Drop it: anyone qualified may take it" />
              <Radio value="offer" label="Offer it to a colleague" />
              <Radio value="swap" label="Swap it for a colleague’s shift" />
            </RadioGroup>
          </Field>
        )}
      />
      {kind !== 'drop' && (
        <Controller
          name="counterpart_person_id"
          control={control}
          render={({ field }) => (
            <Field
              label="Colleague"
              required
              validationMessage={
                errors.counterpart_person_id?.message ??
                (colleagues.error ? 'Your colleagues could not be loaded.' : undefined)
              }
            >
              <Select {...field}>
                <option value="">
                  {colleagues.isPending ? 'Loading colleagues…' : 'Choose a colleague'}
                </option>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.display_name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        />
      )}
      {kind === 'swap' && colleague !== '' && (
        <Controller
          name="counterpart_assignment_id"
          control={control}
          render={({ field }) => (
            <Field
              label="Their shift you take in return"
              required
              validationMessage={
                errors.counterpart_assignment_id?.message ??
                (shifts.error
                  ? 'Their shifts could not be loaded.'
                  : shifts.isSuccess && theirs.length === 0
                    ? 'This colleague has no published shifts here in the next four weeks.'
                    : undefined)
              }
            >
              <Select {...field}>
                <option value="">
                  {shifts.isPending ? 'Loading their shifts…' : 'Choose their shift'}
                </option>
                {theirs.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        />
      )}
      <Controller
        name="note"
        control={control}
        render={({ field }) => (
          <Field label="Note (optional)" validationMessage={errors.note?.message}>
            <Textarea {...field} resize="vertical" />
          </Field>
        )}
      />
    </FormDialog>
  );
}
