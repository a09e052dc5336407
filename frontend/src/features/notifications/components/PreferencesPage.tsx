import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { NotificationPreferences } from '@/client/types.gen';
import { applyApiErrors } from '@/lib/forms';
import { FormStatus } from '@/lib/ui/FormStatus';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { usePreferences, useSavePreferences } from '../api/notifications';
import { ContactSection } from './ContactSection';
import {
  PREFERENCE_ALIASES,
  PREFERENCE_FIELDS,
  type PreferencesValues,
  preferencesSchema,
  toBody,
  toForm,
} from './preferencesForm';
import { CHANNELS, KINDS } from './topics';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  table: { width: '100%', borderCollapse: 'collapse' },
  cell: { padding: '4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  scroll: { overflowX: 'auto' },
});

function PreferencesForm({ prefs }: { prefs: NotificationPreferences }) {
  const styles = useStyles();
  const save = useSavePreferences();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { control, handleSubmit, setError, formState, reset } = useForm<PreferencesValues>({
    resolver: zodResolver(preferencesSchema),
    defaultValues: toForm(prefs),
  });
  const errors = formState.errors;
  // A login without a staff profile is reached in the app and at its sign-in address only.
  const channels = CHANNELS.filter((c) => prefs.available_channels.includes(c.channel));

  const submit = handleSubmit(async (v) => {
    setFormError(null);
    setSaved(false);
    try {
      const next = await save.mutateAsync({ body: toBody(v, prefs) });
      reset(toForm(next));
      setSaved(true);
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, PREFERENCE_FIELDS, PREFERENCE_ALIASES));
    }
  });

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Notification settings">
      <FormStatus saved={saved && 'Saved.'} error={formError} />
      <div className={styles.scroll}>
        <table className={styles.table}>
          <caption style={{ textAlign: 'left' }}>
            <Caption1>Tell me when…</Caption1>
          </caption>
          <thead>
            <tr>
              <th className={styles.cell} scope="col" style={{ textAlign: 'left' }}>
                What happens
              </th>
              {channels.map((c) => (
                <th key={c.channel} className={styles.cell} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {KINDS.map(({ kind, label }) => (
              <tr key={kind}>
                <th className={styles.cell} scope="row" style={{ textAlign: 'left' }}>
                  {label}
                </th>
                {channels.map((c) => (
                  <td key={c.channel} className={styles.cell} style={{ textAlign: 'center' }}>
                    <Controller
                      name={`channels.${kind}.${c.channel}`}
                      control={control}
                      render={({ field }) => (
                        <Checkbox
                          checked={Boolean(field.value)}
                          onChange={(_, d) => field.onChange(Boolean(d.checked))}
                          aria-label={`${label}: ${c.label}`}
                        />
                      )}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={styles.row}>
        {(['quiet_hours_start', 'quiet_hours_end'] as const).map((name) => (
          <Controller
            key={name}
            name={name}
            control={control}
            render={({ field }) => (
              <Field
                label={name === 'quiet_hours_start' ? 'Quiet hours from' : 'Quiet hours until'}
                validationMessage={errors[name]?.message}
              >
                <Input {...field} type="time" />
              </Field>
            )}
          />
        ))}
      </div>
      <Caption1>
        No texts or Teams messages during quiet hours (in {prefs.time_zone}); they wait until the
        morning. The app and email are not held back.
      </Caption1>
      <Controller
        name="reminders"
        control={control}
        render={({ field }) => (
          <Field
            label="Remind me before each shift (minutes, separated by commas)"
            hint="For example 120, 1440 for two hours and a day before; blank for no reminders."
            validationMessage={errors.reminders?.message}
          >
            <Input {...field} inputMode="numeric" />
          </Field>
        )}
      />
      <Controller
        name="time_zone"
        control={control}
        render={({ field }) => (
          <Field
            label="My time zone (optional)"
            hint="Blank: my home location’s zone. For example Europe/London."
            validationMessage={errors.time_zone?.message}
          >
            <Input {...field} />
          </Field>
        )}
      />
      <div>
        <Button
          type="submit"
          appearance="primary"
          disabled={save.isPending}
          icon={save.isPending ? <Spinner size="tiny" /> : undefined}
        >
          Save
        </Button>
      </div>
    </form>
  );
}

/** How and when I am told about changes to my shifts and requests. */
export function PreferencesPage() {
  const prefs = usePreferences();
  return (
    <section>
      <PageHeader title="Notification settings" />
      <QueryState
        isPending={prefs.isPending}
        error={prefs.error}
        isEmpty={!prefs.data}
        empty="No settings to show."
        loadingLabel="Loading your settings…"
        onRetry={() => void prefs.refetch()}
      >
        {prefs.data && (
          <>
            {prefs.data.person_id ? (
              <ContactSection />
            ) : (
              <Caption1 as="p">
                You have no staff profile, so you are told in the app and by email at the address
                you sign in with.
              </Caption1>
            )}
            <PreferencesForm prefs={prefs.data} />
          </>
        )}
      </QueryState>
    </section>
  );
}
