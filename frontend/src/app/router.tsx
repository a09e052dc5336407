import { createBrowserRouter } from 'react-router';
import { AccountRoute } from '@/routes/AccountRoute';
import { AuditRoute } from '@/routes/AuditRoute';
import { AvailabilityRoute } from '@/routes/AvailabilityRoute';
import { ComplianceRoute } from '@/routes/ComplianceRoute';
import { HomeRoute } from '@/routes/HomeRoute';
import { LocationsRoute } from '@/routes/LocationsRoute';
import { MyScheduleRoute } from '@/routes/MyScheduleRoute';
import { NotFoundRoute } from '@/routes/NotFoundRoute';
import { NotificationSettingsRoute } from '@/routes/NotificationSettingsRoute';
import { PeopleRoute } from '@/routes/PeopleRoute';
import { RequestsRoute } from '@/routes/RequestsRoute';
import { ScheduleRoute } from '@/routes/ScheduleRoute';
import { SignInRoute } from '@/routes/SignInRoute';
import { SkillsRoute } from '@/routes/SkillsRoute';
import { TemplatesRoute } from '@/routes/TemplatesRoute';
import { TimeOffRoute } from '@/routes/TimeOffRoute';
import { RequireSession } from './RequireSession';

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInRoute /> },
    {
      element: <RequireSession />,
      children: [
        { index: true, element: <HomeRoute /> },
        { path: 'account', element: <AccountRoute /> },
        { path: 'notification-settings', element: <NotificationSettingsRoute /> },
        { path: 'schedule', element: <ScheduleRoute /> },
        { path: 'patterns', element: <TemplatesRoute /> },
        { path: 'requests', element: <RequestsRoute /> },
        { path: 'availability', element: <AvailabilityRoute /> },
        { path: 'time-off', element: <TimeOffRoute /> },
        { path: 'my-schedule', element: <MyScheduleRoute /> },
        { path: 'locations', element: <LocationsRoute /> },
        { path: 'skills', element: <SkillsRoute /> },
        { path: 'people', element: <PeopleRoute /> },
        { path: 'compliance', element: <ComplianceRoute /> },
        { path: 'audit', element: <AuditRoute /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
