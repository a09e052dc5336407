import { Field, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { toApiError } from '@/lib/errors';
import { applyApiErrors } from '@/lib/forms';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useColleagues, useCreateRequest } from '../api/requests';
import {
  GIVE_AWAY_FIELDS,
  type GiveAwayValues,
  giveAwaySchema,
  toRequestBody,
} from './giveAwayForm';

interface Props {
  assignmentId: string;
  locationId: string;
  personId: string;
  /** "Mon 6 Jul 07:00–15:00 at North ward" */
  label: string;
  onClose: (sent: boolean) => void;
}

/** Drop one of my shifts to anyone qualified, or offer it to a named colleague. */
export function GiveAwayDialog({ assignmentId, locationId, personId, label, onClose }: Props) {
  const create = useCreateRequest();
  const colleagues = useColleagues(locationId);
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState, watch } = useForm<GiveAwayValues>({
    resolver: zodResolver(giveAwaySchema),
    defaultValues: { kind: 'drop', counterpart_person_id: '', note: '' },
  });
  const errors = formState.errors;
  const others = (colleagues.data?.items ?? []).filter((p) => p.id !== personId);

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
      title={`Give away ${label}`}
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
            </RadioGroup>
          </Field>
        )}
      />
      {watch('kind') === 'offer' && (
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
