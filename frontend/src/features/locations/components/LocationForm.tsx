import { Dropdown, Field, Input, Option, Switch } from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Location } from '@/client/types.gen';
import { applyApiErrors, blankToNull } from '@/lib/forms';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useCoordinators, useCreateLocation, useUpdateLocation } from '../api/locations';
import { isKnownZone, TimeZonePicker } from './TimeZonePicker';

export const locationSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the location a name.')
    .max(200, 'Keep the name under 200 characters.'),
  address: z.string().max(500, 'Keep the address under 500 characters.'),
  time_zone: z
    .string()
    .trim()
    .min(1, 'Choose the time zone the location’s shifts are planned in.')
    .refine(isKnownZone, 'Choose a time zone from the list, such as Europe/London.'),
  archived: z.boolean(),
  coordinator_user_ids: z.array(z.string()),
});

type Values = z.infer<typeof locationSchema>;
const FIELDS = ['name', 'address', 'time_zone', 'archived', 'coordinator_user_ids'] as const;

interface Props {
  location: Location | null;
  onClose: () => void;
}

export function LocationForm({ location, onClose }: Props) {
  const create = useCreateLocation();
  const update = useUpdateLocation();
  const coordinators = useCoordinators().data ?? [];
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(locationSchema),
    defaultValues: {
      name: location?.name ?? '',
      address: location?.address ?? '',
      time_zone: location?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      archived: location?.archived_at != null,
      coordinator_user_ids: location?.coordinator_user_ids ?? [],
    },
  });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const fields = {
      name: values.name.trim(),
      address: blankToNull(values.address),
      time_zone: values.time_zone.trim(),
      coordinator_user_ids: values.coordinator_user_ids,
    };
    try {
      if (location) {
        const body = { ...fields, archived: values.archived };
        await update.mutateAsync({ path: { location_id: location.id }, body });
      } else {
        await create.mutateAsync({ body: fields });
      }
      onClose();
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, FIELDS));
    }
  });

  return (
    <FormDialog
      open
      title={location ? `Edit ${location.name}` : 'New location'}
      submitLabel={location ? 'Save' : 'Create location'}
      pending={formState.isSubmitting}
      formError={formError}
      onSubmit={submit}
      onClose={onClose}
    >
      <Controller
        name="name"
        control={control}
        render={({ field }) => (
          <Field label="Name" required validationMessage={errors.name?.message}>
            <Input {...field} />
          </Field>
        )}
      />
      <Controller
        name="address"
        control={control}
        render={({ field }) => (
          <Field label="Address" validationMessage={errors.address?.message}>
            <Input {...field} />
          </Field>
        )}
      />
      <Controller
        name="time_zone"
        control={control}
        render={({ field }) => (
          <Field
            label="Time zone"
            required
            hint="Shifts at this location are entered and shown in this zone."
            validationMessage={errors.time_zone?.message}
          >
            <TimeZonePicker value={field.value} onChange={field.onChange} onBlur={field.onBlur} />
          </Field>
        )}
      />
      <Controller
        name="coordinator_user_ids"
        control={control}
        render={({ field }) => (
          <Field label="Coordinators" validationMessage={errors.coordinator_user_ids?.message}>
            <Dropdown
              multiselect
              placeholder="Nobody yet"
              value={coordinators
                .filter((u) => field.value.includes(u.id))
                .map((u) => u.email)
                .join(', ')}
              selectedOptions={field.value}
              onOptionSelect={(_, d) => field.onChange(d.selectedOptions)}
            >
              {coordinators.map((u) => (
                <Option key={u.id} value={u.id}>
                  {u.email}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
      />
      {location && (
        <Controller
          name="archived"
          control={control}
          render={({ field }) => (
            <Field validationMessage={errors.archived?.message}>
              <Switch
                label="Archived (hidden from planning)"
                checked={field.value}
                onChange={(_, data) => field.onChange(data.checked)}
              />
            </Field>
          )}
        />
      )}
    </FormDialog>
  );
}
