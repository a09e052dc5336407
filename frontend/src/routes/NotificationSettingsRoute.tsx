import { PreferencesPage } from '@/features/notifications';

/** Every login has notification settings; one without a staff profile sees app and email. */
export function NotificationSettingsRoute() {
  return <PreferencesPage />;
}
