import { Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { splitFieldErrors, toApiError } from '@/lib/errors';
import { FormDialog } from '@/lib/ui/FormDialog';
import { useStartRun } from '../api/runs';

interface Props {
  locationId: string;
  locationName: string;
  startDate: string;
  days: number;
  /** "Mon 2 Mar – Sun 8 Mar" */
  periodLabel: string;
  onStarted: (runId: string) => void;
  onClose: () => void;
}

/** Ask the auto-scheduler to fill the open seats of the period shown (or replan it). */
export function StartRunDialog(props: Props) {
  const start = useStartRun();
  const [mode, setMode] = useState<'fill' | 'replan'>('fill');
  const [limit, setLimit] = useState('20');
  const [limitError, setLimitError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const seconds = Number(limit);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
      setLimitError('Give the solver between 1 and 600 whole seconds.');
      return;
    }
    setLimitError(undefined);
    try {
      const run = await start.mutateAsync({
        body: {
          location_ids: [props.locationId],
          start_date: props.startDate,
          days: props.days,
          mode,
          time_limit_s: seconds,
        },
      });
      props.onStarted(run.id);
    } catch (thrown) {
      const error = toApiError(thrown);
      const { byField, other } = splitFieldErrors(error, ['time_limit_s']);
      setLimitError(byField.time_limit_s);
      setFormError(
        byField.time_limit_s && other.length === 0 ? null : [error.detail, ...other].join(' '),
      );
    }
  };

  return (
    <FormDialog
      open
      title={`Auto-schedule ${props.locationName}, ${props.periodLabel}`}
      submitLabel="Start"
      pending={start.isPending}
      formError={formError}
      onSubmit={(e) => void submit(e)}
      onClose={props.onClose}
    >
      <Field label="What may change">
        <RadioGroup value={mode} onChange={(_, d) => setMode(d.value as 'fill' | 'replan')}>
          <Radio value="fill" label="Fill the open seats; keep everyone already assigned" />
          <Radio value="replan" label="Replan: existing assignments may move, as few as possible" />
        </RadioGroup>
      </Field>
      <Field
        label="Time limit (seconds)"
        hint="The best proposal found by then is shown; nothing changes until you accept it."
        validationMessage={limitError}
      >
        <Input value={limit} inputMode="numeric" onChange={(_, d) => setLimit(d.value)} />
      </Field>
    </FormDialog>
  );
}
