import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { toApiError } from '@/lib/errors';
import { useSignIn } from '../api/auth';

const schema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .email('Enter a valid email address.'),
  password: z.string().min(1, 'Enter your password.'),
});

type Values = z.infer<typeof schema>;

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useSignIn();
  const { control, handleSubmit, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '' },
  });
  const failure = signIn.error ? toApiError(signIn.error) : null;

  const submit = handleSubmit((values) =>
    signIn.mutate({ body: values }, { onSuccess: () => onSignedIn() }),
  );

  return (
    <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 16 }}>
      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>{failure.detail}</MessageBarBody>
        </MessageBar>
      )}
      <Controller
        name="email"
        control={control}
        render={({ field }) => (
          <Field label="Email" required validationMessage={formState.errors.email?.message}>
            <Input {...field} type="email" autoComplete="username" />
          </Field>
        )}
      />
      <Controller
        name="password"
        control={control}
        render={({ field }) => (
          <Field label="Password" required validationMessage={formState.errors.password?.message}>
            <Input {...field} type="password" autoComplete="current-password" />
          </Field>
        )}
      />
      <Button
        appearance="primary"
        type="submit"
        disabled={signIn.isPending}
        icon={signIn.isPending ? <Spinner size="tiny" /> : undefined}
      >
        Sign in
      </Button>
    </form>
  );
}
