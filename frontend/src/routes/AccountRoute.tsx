import { Body1, Caption1, Title3 } from '@fluentui/react-components';
import { useMe } from '@/lib/session';

const ROLE_WORDS = {
  admin: 'Administrator: everything in your organisation',
  coordinator: 'Coordinator: plans and runs the schedule of your locations',
  staff: 'Staff member',
} as const;

export function AccountRoute() {
  const me = useMe().data;
  if (!me) return null;
  return (
    <section style={{ display: 'grid', gap: 8, maxWidth: 480 }}>
      <Title3 as="h1">Your account</Title3>
      <Caption1>Name</Caption1>
      <Body1>{me.display_name ?? '—'}</Body1>
      <Caption1>Email</Caption1>
      <Body1>{me.email}</Body1>
      <Caption1>Organisation</Caption1>
      <Body1>{me.organisation_name}</Body1>
      <Caption1>Role</Caption1>
      <Body1>{ROLE_WORDS[me.role]}</Body1>
    </section>
  );
}
