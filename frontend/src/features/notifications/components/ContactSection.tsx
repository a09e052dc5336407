import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { ChannelState, OwnContact } from '@/client/types.gen';
import { applyApiErrors } from '@/lib/forms';
import { FormStatus } from '@/lib/ui/FormStatus';
import { QueryState } from '@/lib/ui/QueryState';
import { useOwnContact, useSaveOwnContact } from '../api/notifications';
import {
  CONTACT_FIELDS,
  type ContactValues,
  contactSchema,
  toContactBody,
  toContactForm,
} from './contactForm';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '720px' },
});

const failing = (what: string, s: ChannelState) =>
  s.failing_since
    ? `Messages to this ${what} stopped: ${s.failure ?? 'the provider refused it'}. Change it to try again.`
    : undefined;

type ChannelField = {
  name: (typeof CONTACT_FIELDS)[number];
  label: string;
  hint?: string;
  what: string; // how a failure names the contact: "Messages to this … stopped"
  state: ChannelState;
  type: 'email' | 'tel' | 'url';
  autoComplete: string;
};

/** One text field per channel; a field shows its own error, else its channel's failure. */
const channelFields = (c: OwnContact): ChannelField[] => [
  {
    name: 'email',
    label: 'Email for notifications',
    what: 'address',
    state: c.email_state,
    type: 'email',
    autoComplete: 'email',
  },
  {
    name: 'phone',
    label: 'Mobile number for texts',
    hint: 'With + and the country code, for example +447700900123.',
    what: 'number',
    state: c.phone_state,
    type: 'tel',
    autoComplete: 'tel',
  },
  {
    name: 'teams_webhook_url',
    label: 'Teams Workflows webhook',
    hint: c.teams_webhook_set
      ? 'One is set (it is never shown again). Paste a new one to replace it.'
      : 'Paste the https:// address of a Teams Workflows “post to a chat” webhook.',
    what: 'webhook',
    state: c.teams_state,
    type: 'url',
    autoComplete: 'off',
  },
];

function ContactForm({ contact }: { contact: OwnContact }) {
  const styles = useStyles();
  const save = useSaveOwnContact();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { control, handleSubmit, setError, formState, reset } = useForm<ContactValues>({
    resolver: zodResolver(contactSchema),
    defaultValues: toContactForm(contact),
  });
  const errors = formState.errors;

  const submit = handleSubmit(async (v) => {
    setFormError(null);
    setSaved(false);
    try {
      const next = await save.mutateAsync({ body: toContactBody(v, contact) });
      reset(toContactForm(next));
      setSaved(true);
    } catch (thrown) {
      setFormError(applyApiErrors(thrown, setError, CONTACT_FIELDS));
    }
  });

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Where to reach me">
      <FormStatus saved={saved && 'Saved.'} error={formError} />
      {channelFields(contact).map((f) => (
        <Controller
          key={f.name}
          name={f.name}
          control={control}
          render={({ field }) => {
            const message = errors[f.name]?.message ?? failing(f.what, f.state);
            return (
              <Field
                label={f.label}
                hint={f.hint}
                validationMessage={message}
                validationState={message ? 'error' : 'none'}
              >
                <Input {...field} type={f.type} autoComplete={f.autoComplete} />
              </Field>
            );
          }}
        />
      ))}
      {contact.teams_webhook_set && (
        <Controller
          name="remove_teams"
          control={control}
          render={({ field }) => (
            <Checkbox
              checked={field.value}
              onChange={(_, d) => field.onChange(Boolean(d.checked))}
              label="Remove my Teams webhook"
            />
          )}
        />
      )}
      <div>
        <Button
          type="submit"
          disabled={save.isPending}
          icon={save.isPending ? <Spinner size="tiny" /> : undefined}
        >
          Save contact details
        </Button>
      </div>
    </form>
  );
}

/** "Where to reach me": a person's own email, phone and Teams webhook for notifications. */
export function ContactSection() {
  const contact = useOwnContact(true);
  return (
    <section aria-labelledby="reach-me">
      <Subtitle2 as="h2" id="reach-me">
        Where to reach me
      </Subtitle2>
      <QueryState
        isPending={contact.isPending}
        error={contact.error}
        isEmpty={!contact.data}
        empty="No contact details to show."
        loadingLabel="Loading your contact details…"
        onRetry={() => void contact.refetch()}
      >
        {contact.data && <ContactForm contact={contact.data} />}
      </QueryState>
    </section>
  );
}
