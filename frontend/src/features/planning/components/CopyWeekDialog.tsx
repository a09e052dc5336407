import { Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { CopyResult, Location } from '@/client/types.gen';
import { splitFieldErrors, toApiError } from '@/lib/errors';
import { addDays, dayLabel, mondayOf } from '@/lib/time';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useCopyShifts } from '../api/planning';

interface Props {
  location: Location;
  weekStart: string;
  onClose: () => void;
}

const REASONS: Record<string, string> = {
  too_long: 'it would be too long',
  no_real_length: 'it would have no length after a clock change',
  break_too_long: 'its break would be longer than the shift',
};

/** Copy this week's shifts (without assignments) to another week at the same local times. */
export function CopyWeekDialog({ location, weekStart, onClose }: Props) {
  const copy = useCopyShifts();
  const [target, setTarget] = useState(addDays(weekStart, 7));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<CopyResult | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (result) return onClose();
    setFieldError(undefined);
    setFormError(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(target)) return setFieldError('Choose a week to copy into.');
    const to = mondayOf(target);
    if (to === weekStart) return setFieldError('Choose a different week from the one copied.');
    try {
      const data = await copy.mutateAsync({
        body: { location_id: location.id, from_start_date: weekStart, to_start_date: to, days: 7 },
      });
      setResult(data);
    } catch (thrown) {
      const error = toApiError(thrown);
      const { byField, other } = splitFieldErrors(error, ['to_start_date']);
      setFieldError(byField.to_start_date);
      setFormError([error.detail, ...other].join(' '));
    }
  };

  return (
    <FormDialog
      open
      title={`Copy the week of ${dayLabel(weekStart)}`}
      submitLabel={result ? 'Done' : 'Copy shifts'}
      pending={copy.isPending}
      formError={formError}
      onSubmit={(e) => void submit(e)}
      onClose={onClose}
    >
      {result ? (
        <MessageBar intent={result.skipped.length ? 'warning' : 'success'}>
          <MessageBarBody>
            Created {result.created.length} draft shift{result.created.length === 1 ? '' : 's'} in
            the week of {dayLabel(mondayOf(target))}.
            {result.skipped.map((s) => (
              <div key={s.source_shift_id}>
                One shift was skipped: {REASONS[s.reason] ?? s.reason}.
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Field
          label="Copy into the week starting"
          hint={`Shifts keep their local times at ${location.name}; assignments are not copied.`}
          validationMessage={fieldError}
        >
          <Input type="date" value={target} onChange={(_, d) => setTarget(d.value)} />
        </Field>
      )}
    </FormDialog>
  );
}
