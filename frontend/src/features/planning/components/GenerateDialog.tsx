import { Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { GenerateResult, Template } from '@/client/types.gen';
import { splitFieldErrors, toApiError } from '@/lib/errors';
import { addDays, mondayOf } from '@/lib/time';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useGenerateShifts } from '../api/planning';

const SKIPS: Record<string, string> = {
  already_generated: 'already generated',
  no_real_length: 'no length after a clock change',
  too_long: 'too long',
  break_too_long: 'break longer than the shift',
  published: 'published',
  assigned: 'staffed',
};

function skippedText(result: GenerateResult): string {
  const counts = new Map<string, number>();
  for (const s of result.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${SKIPS[reason] ?? reason}`).join(', ');
}

/** Create the pattern's draft shifts for a range of local dates. */
export function GenerateDialog({
  template,
  today,
  onClose,
}: {
  template: Template;
  today: string;
  onClose: () => void;
}) {
  const generate = useGenerateShifts();
  const monday = mondayOf(today);
  const [range, setRange] = useState({ start_date: monday, end_date: addDays(monday, 13) });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<GenerateResult | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (result) return onClose();
    setFormError(null);
    setFields({});
    if (range.end_date < range.start_date) {
      return setFields({ end_date: 'The last day must be on or after the first.' });
    }
    try {
      const data = await generate.mutateAsync({
        path: { template_id: template.id },
        body: range,
      });
      setResult(data);
    } catch (thrown) {
      const error = toApiError(thrown);
      const { byField, other } = splitFieldErrors(error, ['start_date', 'end_date']);
      setFields(byField);
      setFormError([error.detail, ...other].join(' '));
    }
  };

  const date = (name: 'start_date' | 'end_date', label: string) => (
    <Field label={label} required validationMessage={fields[name]}>
      <Input
        type="date"
        value={range[name]}
        onChange={(_, d) => setRange({ ...range, [name]: d.value })}
      />
    </Field>
  );

  return (
    <FormDialog
      open
      title={`Generate shifts from ${template.name}`}
      submitLabel={result ? 'Done' : 'Generate'}
      pending={generate.isPending}
      formError={formError}
      onSubmit={(e) => void submit(e)}
      onClose={onClose}
    >
      {result ? (
        <MessageBar intent="success">
          <MessageBarBody>
            Created {result.created.length} draft shift{result.created.length === 1 ? '' : 's'}.
            {result.skipped.length > 0 && ` Skipped: ${skippedText(result)}.`}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          {date('start_date', 'First day')}
          {date('end_date', 'Last day')}
        </div>
      )}
    </FormDialog>
  );
}
