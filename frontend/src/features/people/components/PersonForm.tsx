import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Person } from '@/client/types.gen';
import { applyApiErrors } from '@/lib/forms';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useLocationChoices, useSavePerson, useSkillChoices } from '../api/people';
import { PersonFields } from './PersonFields';
import { PERSON_FIELDS, type PersonValues, personSchema, toBody, toValues } from './personSchema';

interface Props {
  person: Person | null;
  onClose: () => void;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Add a person, or edit one; the API's field errors land beside their fields. */
export function PersonForm({ person, onClose }: Props) {
  const save = useSavePerson();
  const skills = useSkillChoices();
  const locations = useLocationChoices();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<PersonValues>({
    resolver: zodResolver(personSchema),
    defaultValues: toValues(person),
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const held = new Map(person?.skills.map((s) => [s.skill_id, s.expires_date]) ?? []);
    // Kept skills keep their expiry dates.
    const holdings = values.skill_ids.map((skill_id) => ({
      skill_id,
      expires_date: held.get(skill_id) ?? null,
    }));
    const profile = { ...toBody(values, person), skills: holdings };
    const changedSkills =
      person &&
      !sameSet(
        values.skill_ids,
        person.skills.map((s) => s.skill_id),
      )
        ? holdings
        : null;
    try {
      await save.mutateAsync({ id: person?.id ?? null, profile, skills: changedSkills });
      onClose();
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, PERSON_FIELDS, { skills: 'skill_ids' }));
    }
  });

  return (
    <FormDialog
      open
      title={person ? `Edit ${person.display_name}` : 'New person'}
      submitLabel={person ? 'Save' : 'Add person'}
      pending={formState.isSubmitting}
      formError={formError}
      onSubmit={submit}
      onClose={onClose}
    >
      <PersonFields
        control={control}
        errors={formState.errors}
        person={person}
        skills={skills.data ?? []}
        locations={(locations.data ?? []).filter((l) => !l.archived_at)}
      />
    </FormDialog>
  );
}
