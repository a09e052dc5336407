import {
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { Location, Template, TemplateUpdated } from '@/client/types.gen';
import { applyApiErrors } from '@/lib/forms';
import { localDate, zoneDiffers, zoneName } from '@/lib/time';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useCreateTemplate, useSkillChoices, useUpdateTemplate } from '../api/planning';
import { RecurrenceFields } from './RecurrenceFields';
import {
  fromTemplate,
  TEMPLATE_ALIASES,
  TEMPLATE_FIELDS,
  type TemplateValues,
  templateSchema,
  toTemplateBody,
} from './templateForm';

interface Props {
  location: Location;
  template: Template | null;
  onClose: () => void;
}

type TextName =
  | 'name'
  | 'starts_on_date'
  | 'until_date'
  | 'start_time'
  | 'end_time'
  | 'headcount'
  | 'break_minutes';

/** Create or edit a recurring pattern; local times at the location, RRULE underneath. */
export function TemplateForm({ location, template, onClose }: Props) {
  const zone = location.time_zone;
  const today = localDate(new Date(), zone);
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const skills = useSkillChoices();
  const [formError, setFormError] = useState<string | null>(null);
  const [applyFuture, setApplyFuture] = useState(true);
  const [updated, setUpdated] = useState<TemplateUpdated | null>(null);
  const { control, handleSubmit, setError, setValue, formState } = useForm<TemplateValues>({
    resolver: zodResolver(templateSchema),
    defaultValues: fromTemplate(template, today),
  });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    if (updated) return onClose();
    setFormError(null);
    const body = toTemplateBody(values, location.id);
    try {
      if (template) {
        const { location_id: _, ...changes } = body;
        const data = await update.mutateAsync({
          path: { template_id: template.id },
          body: { ...changes, apply_from_date: applyFuture ? today : null },
        });
        if (data.left.length || data.created.length || data.updated.length) {
          setUpdated(data);
          return;
        }
      } else {
        await create.mutateAsync({ body });
      }
      onClose();
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, TEMPLATE_FIELDS, TEMPLATE_ALIASES));
    }
  });

  const text = (
    name: TextName,
    label: string,
    type: 'text' | 'date' | 'time' = 'text',
    hint?: string,
    required = true,
  ) => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Field
          label={label}
          required={required}
          hint={hint}
          validationMessage={errors[name]?.message}
        >
          <Input {...field} type={type} />
        </Field>
      )}
    />
  );
  const pair = { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 } as const;

  return (
    <FormDialog
      open
      title={template ? `Edit ${template.name}` : `New pattern at ${location.name}`}
      submitLabel={updated ? 'Done' : template ? 'Save pattern' : 'Create pattern'}
      pending={formState.isSubmitting}
      formError={formError}
      onSubmit={submit}
      onClose={onClose}
    >
      {updated ? (
        <MessageBar intent={updated.left.length ? 'warning' : 'success'}>
          <MessageBarBody>
            Saved. {updated.updated.length} draft shifts moved, {updated.created.length} added,{' '}
            {updated.removed_shift_ids.length} removed.
            {updated.left.length > 0 &&
              ` ${updated.left.length} published or staffed shifts were left as they were; change them one by one.`}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {text('name', 'Name')}
          <RecurrenceFields
            control={control}
            weekdaysError={errors.weekdays?.message}
            intervalError={errors.interval?.message}
            onPatternChange={() => setValue('custom_rrule', '')}
          />
          <div style={pair}>
            {text('starts_on_date', 'From', 'date')}
            {text('until_date', 'Until (optional)', 'date', undefined, false)}
          </div>
          <div style={pair}>
            {text(
              'start_time',
              'Starts',
              'time',
              zoneDiffers(zone) ? `Local time: ${zoneName(zone)}` : undefined,
            )}
            {text('end_time', 'Ends', 'time', 'At or before the start: the next day')}
          </div>
          <Controller
            name="skill_id"
            control={control}
            render={({ field }) => (
              <Field label="Skill needed" validationMessage={errors.skill_id?.message}>
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
          <div style={pair}>
            {text('headcount', 'Headcount')}
            {text('break_minutes', 'Unpaid break (minutes)')}
          </div>
          {template && (
            <Checkbox
              checked={applyFuture}
              onChange={(_, d) => setApplyFuture(Boolean(d.checked))}
              label="Also bring this pattern’s future draft shifts in line, from today"
            />
          )}
        </>
      )}
    </FormDialog>
  );
}
