import { Field, Input, Textarea } from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Skill } from '@/client/types.gen';
import { applyApiErrors, blankToNull } from '@/lib/forms';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useCreateSkill, useUpdateSkill } from '../api/skills';

export const skillSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the skill a name.')
    .max(200, 'Keep the name under 200 characters.'),
  description: z.string().max(1000, 'Keep the description under 1000 characters.'),
});

type Values = z.infer<typeof skillSchema>;
const FIELDS = ['name', 'description'] as const;

interface Props {
  skill: Skill | null;
  onClose: () => void;
}

/** Create a skill (skill = null) or edit one. */
export function SkillForm({ skill, onClose }: Props) {
  const create = useCreateSkill();
  const update = useUpdateSkill();
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(skillSchema),
    defaultValues: { name: skill?.name ?? '', description: skill?.description ?? '' },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const body = { name: values.name.trim(), description: blankToNull(values.description) };
    try {
      if (skill) await update.mutateAsync({ path: { skill_id: skill.id }, body });
      else await create.mutateAsync({ body });
      onClose();
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, FIELDS));
    }
  });

  return (
    <FormDialog
      open
      title={skill ? `Edit ${skill.name}` : 'New skill'}
      submitLabel={skill ? 'Save' : 'Create skill'}
      pending={formState.isSubmitting}
      formError={formError}
      onSubmit={submit}
      onClose={onClose}
    >
      <Controller
        name="name"
        control={control}
        render={({ field }) => (
          <Field label="Name" required validationMessage={formState.errors.name?.message}>
            <Input {...field} />
          </Field>
        )}
      />
      <Controller
        name="description"
        control={control}
        render={({ field }) => (
          <Field label="Description" validationMessage={formState.errors.description?.message}>
            <Textarea {...field} />
          </Field>
        )}
      />
    </FormDialog>
  );
}
