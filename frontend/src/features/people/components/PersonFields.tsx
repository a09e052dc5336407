import { Dropdown, Field, Input, Option, Switch } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { type Control, Controller, type FieldErrors } from 'react-hook-form';
import type { Location, Person, Skill } from '@/client/types.gen';
import { EMPLOYMENT_TYPES, type PersonValues } from './personSchema';

interface Props {
  control: Control<PersonValues>;
  errors: FieldErrors<PersonValues>;
  person: Person | null;
  skills: Skill[];
  locations: Location[];
}

type TextName =
  | 'display_name'
  | 'email'
  | 'phone'
  | 'hourly_rate'
  | 'contracted_hours_per_week'
  | 'max_hours_per_week';

/** The person form's fields; contact and pay fields appear only where the caller may see them. */
export function PersonFields({ control, errors, person, skills, locations }: Props) {
  const text = (
    name: TextName,
    label: string,
    extra: { required?: boolean; hint?: string; type?: 'email' | 'tel' } = {},
  ): ReactElement => (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Field
          label={label}
          required={extra.required}
          hint={extra.hint}
          validationMessage={errors[name]?.message}
        >
          <Input {...field} type={extra.type ?? 'text'} />
        </Field>
      )}
    />
  );
  const contact = !person || person.contact_visible;
  const pay = !person || person.pay_visible;
  return (
    <>
      {text('display_name', 'Name', { required: true })}
      {contact && text('email', 'Email', { type: 'email' })}
      {contact &&
        text('phone', 'Phone', { type: 'tel', hint: 'With country code, e.g. +44 7700 900123' })}
      <Controller
        name="employment_type"
        control={control}
        render={({ field }) => (
          <Field label="Employment" required validationMessage={errors.employment_type?.message}>
            <Dropdown
              value={EMPLOYMENT_TYPES.find((t) => t.value === field.value)?.label ?? ''}
              selectedOptions={[field.value]}
              onOptionSelect={(_, d) => d.optionValue && field.onChange(d.optionValue)}
            >
              {EMPLOYMENT_TYPES.map((t) => (
                <Option key={t.value} value={t.value}>
                  {t.label}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
      />
      {text('contracted_hours_per_week', 'Contracted hours a week')}
      {text('max_hours_per_week', 'Maximum hours a week')}
      {pay && text('hourly_rate', 'Hourly rate')}
      <Controller
        name="home_location_id"
        control={control}
        render={({ field }) => (
          <Field label="Home location" validationMessage={errors.home_location_id?.message}>
            <Dropdown
              value={locations.find((l) => l.id === field.value)?.name ?? 'None'}
              selectedOptions={[field.value]}
              onOptionSelect={(_, d) => field.onChange(d.optionValue ?? '')}
            >
              <Option value="">None</Option>
              {locations.map((l) => (
                <Option key={l.id} value={l.id}>
                  {l.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
      />
      <Controller
        name="skill_ids"
        control={control}
        render={({ field }) => (
          <Field label="Skills" validationMessage={errors.skill_ids?.message}>
            <Dropdown
              multiselect
              placeholder="No skills"
              value={skills
                .filter((s) => field.value.includes(s.id))
                .map((s) => s.name)
                .join(', ')}
              selectedOptions={field.value}
              onOptionSelect={(_, d) => field.onChange(d.selectedOptions)}
            >
              {skills.map((s) => (
                <Option key={s.id} value={s.id}>
                  {s.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
      />
      {person && (
        <Controller
          name="is_active"
          control={control}
          render={({ field }) => (
            <Field validationMessage={errors.is_active?.message}>
              <Switch
                label="Active (inactive people cannot sign in or be scheduled)"
                checked={field.value}
                onChange={(_, d) => field.onChange(d.checked)}
              />
            </Field>
          )}
        />
      )}
    </>
  );
}
