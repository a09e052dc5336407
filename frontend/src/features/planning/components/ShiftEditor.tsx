import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Textarea,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { Location } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { applyApiErrors } from '@/lib/forms';
import { zoneDiffers, zonedInstant, zoneName } from '@/lib/time';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useCancelShift, useCreateShift, useSkillChoices, useUpdateShift } from '../api/planning';
import {
  type EditableShift,
  endsNextDay,
  fromShift,
  SHIFT_ALIASES,
  SHIFT_FIELDS,
  type ShiftValues,
  shiftSchema,
  toCreateBody,
  toUpdateBody,
} from './shiftForm';

interface Props {
  location: Location;
  /** null: a new shift on `day`. */
  shift: EditableShift | null;
  day: string;
  onClose: () => void;
}

/** Create or edit one shift in the location's local time; cancel an existing one. */
export function ShiftEditor({ location, shift, day, onClose }: Props) {
  const zone = location.time_zone;
  const create = useCreateShift();
  const update = useUpdateShift();
  const cancel = useCancelShift();
  const skills = useSkillChoices();
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { control, handleSubmit, setError, formState, watch } = useForm<ShiftValues>({
    resolver: zodResolver(shiftSchema),
    defaultValues: fromShift(shift, zone, day),
  });
  const [date, start, end] = watch(['date', 'start_time', 'end_time']);
  const at = zonedInstant(date || day, '12:00', zone);
  const zoneHint = zoneDiffers(zone, at)
    ? `Local time at ${location.name}: ${zoneName(zone, at)}`
    : undefined;
  const cancelled = shift?.state === 'cancelled';

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      if (shift) {
        await update.mutateAsync({
          path: { shift_id: shift.id },
          body: toUpdateBody(values, zone),
        });
      } else {
        await create.mutateAsync({ body: toCreateBody(values, location.id, zone) });
      }
      onClose();
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, SHIFT_FIELDS, SHIFT_ALIASES));
    }
  });

  const doCancel = async () => {
    if (!shift) return;
    setFormError(null);
    try {
      await cancel.mutateAsync({ path: { shift_id: shift.id } });
      onClose();
    } catch (thrown) {
      setConfirming(false);
      setFormError(toApiError(thrown).detail);
    }
  };

  const text = (
    name: 'date' | 'start_time' | 'end_time',
    label: string,
    type: 'date' | 'time',
    hint?: string,
  ) => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Field
          label={label}
          required
          hint={hint}
          validationMessage={formState.errors[name]?.message}
        >
          <Input {...field} type={type} />
        </Field>
      )}
    />
  );

  return (
    <FormDialog
      open
      title={shift ? 'Edit shift' : `New shift at ${location.name}`}
      submitLabel={shift ? 'Save shift' : 'Create shift'}
      pending={formState.isSubmitting}
      formError={formError}
      onSubmit={submit}
      onClose={onClose}
      extraActions={
        shift && !cancelled ? (
          <Button
            appearance="subtle"
            onClick={() => setConfirming(true)}
            disabled={cancel.isPending}
          >
            Cancel shift…
          </Button>
        ) : undefined
      }
    >
      {confirming && shift && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Cancelling removes {shift.assigned_count} assignment
            {shift.assigned_count === 1 ? '' : 's'}
            {shift.state === 'published' ? '; the people on it are told.' : '.'}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void doCancel()} disabled={cancel.isPending}>
              Yes, cancel this shift
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {text('date', 'Day', 'date')}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        {text('start_time', 'Starts', 'time', zoneHint)}
        {text(
          'end_time',
          'Ends',
          'time',
          endsNextDay(start, end) ? 'Ends the next day' : undefined,
        )}
      </div>
      <Controller
        name="skill_id"
        control={control}
        render={({ field }) => (
          <Field label="Skill needed" validationMessage={formState.errors.skill_id?.message}>
            <Select {...field}>
              <option value="">Any skill</option>
              {(skills.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
      />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <Controller
          name="headcount"
          control={control}
          render={({ field }) => (
            <Field
              label="Headcount"
              required
              validationMessage={formState.errors.headcount?.message}
            >
              <Input {...field} inputMode="numeric" />
            </Field>
          )}
        />
        <Controller
          name="break_minutes"
          control={control}
          render={({ field }) => (
            <Field
              label="Unpaid break (minutes)"
              validationMessage={formState.errors.break_minutes?.message}
            >
              <Input {...field} inputMode="numeric" />
            </Field>
          )}
        />
      </div>
      <Controller
        name="notes"
        control={control}
        render={({ field }) => (
          <Field label="Notes" validationMessage={formState.errors.notes?.message}>
            <Textarea {...field} />
          </Field>
        )}
      />
      {shift && (
        <Caption1>
          {shift.state === 'draft' ? 'Draft: staff do not see it yet.' : `State: ${shift.state}.`}
        </Caption1>
      )}
    </FormDialog>
  );
}
