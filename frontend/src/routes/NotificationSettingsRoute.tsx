import { Body1 } from '@fluentui/react-components';
import { PreferencesPage } from '@/features/notifications';
import { useMe } from '@/lib/session';

export function NotificationSettingsRoute() {
  const me = useMe().data;
  if (!me) return null;
  if (me.person_id === null) {
    return (
      <Body1 as="p">Your account has no staff profile, so it receives no notifications.</Body1>
    );
  }
  return <PreferencesPage />;
}
