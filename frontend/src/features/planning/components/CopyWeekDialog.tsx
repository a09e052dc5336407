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
  /** Days shown in the grid (7 or 14): the whole period shown is copied. */
  days?: number;
  onClose: () => void;
}

const REASONS: Record<string, string> = {
  too_long: 'it would be too long',
  no_real_length: 'it would have no length after a clock change',
  break_too_long: 'its break would be longer than the shift',
};

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** "the week of 2 Mar" or "the 2 weeks from 2 Mar". */
export function periodLabel(start: string, days: number): string {
  return days === 7
    ? `the week of ${dayLabel(start)}`
    : `the ${days / 7} weeks from ${dayLabel(start)}`;
}

/**
 * Copy the period shown (one or two weeks) to another period of the same length at the same
 * local times, without assignments. The API refuses a target overlapping the source, so that is
 * said before asking.
 */
export function CopyWeekDialog({ location, weekStart, days = 7, onClose }: Props) {
  const copy = useCopyShifts();
  const [target, setTarget] = useState(addDays(weekStart, days));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<CopyResult | null>(null);
  const weeks = days / 7;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (result) return onClose();
    setFieldError(undefined);
    setFormError(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(target)) return setFieldError('Choose a week to copy into.');
    const to = mondayOf(target);
    if (Math.abs(daysBetween(weekStart, to)) < days)
      return setFieldError(
        weeks === 1
          ? 'Choose a different week from the one copied.'
          : `Choose a week outside the ${weeks} weeks copied (they would overlap).`,
      );
    try {
      const data = await copy.mutateAsync({
        body: { location_id: location.id, from_start_date: weekStart, to_start_date: to, days },
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
      title={`Copy ${periodLabel(weekStart, days)}`}
      submitLabel={result ? 'Done' : 'Copy shifts'}
      pending={copy.isPending}
      formError={formError}
      onSubmit={(e) => void submit(e)}
      onClose={onClose}
    >
      {result ? (
        <MessageBar intent={result.skipped.length ? 'warning' : 'success'}>
          <MessageBarBody>
            Created {result.created.length} draft shift{result.created.length === 1 ? '' : 's'} in{' '}
            {periodLabel(mondayOf(target), days)}.
            {result.skipped.map((s) => (
              <div key={s.source_shift_id}>
                One shift was skipped: {REASONS[s.reason] ?? s.reason}.
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Field
          label={
            weeks === 1
              ? 'Copy into the week starting'
              : `Copy the ${weeks} weeks into the weeks starting`
          }
          hint={`Shifts keep their local times at ${location.name}; assignments are not copied.`}
          validationMessage={fieldError}
        >
          <Input type="date" value={target} onChange={(_, d) => setTarget(d.value)} />
        </Field>
      )}
    </FormDialog>
  );
}
