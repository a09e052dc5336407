export { NotificationBell } from './components/NotificationBell';
export { PreferencesPage } from './components/PreferencesPage';
