import { createBrowserRouter } from 'react-router';
import { HomeRoute } from '@/routes/HomeRoute';
import { NotFoundRoute } from '@/routes/NotFoundRoute';
import { lazyPage } from './lazyPage';
import { RequireSession } from './RequireSession';
import { RouteError } from './RouteError';

/** Every screen but the tiny home redirect and not-found page is a chunk of its own. */
const pages = {
  'sign-in': lazyPage(
    () => import('@/routes/SignInRoute'),
    (m) => m.SignInRoute,
    'Loading…',
  ),
  account: lazyPage(
    () => import('@/routes/AccountRoute'),
    (m) => m.AccountRoute,
    'Loading…',
  ),
  'notification-settings': lazyPage(
    () => import('@/routes/NotificationSettingsRoute'),
    (m) => m.NotificationSettingsRoute,
    'Loading your settings…',
  ),
  schedule: lazyPage(
    () => import('@/routes/ScheduleRoute'),
    (m) => m.ScheduleRoute,
    'Loading the week…',
  ),
  patterns: lazyPage(
    () => import('@/routes/TemplatesRoute'),
    (m) => m.TemplatesRoute,
    'Loading patterns…',
  ),
  requests: lazyPage(
    () => import('@/routes/RequestsRoute'),
    (m) => m.RequestsRoute,
    'Loading requests…',
  ),
  availability: lazyPage(
    () => import('@/routes/AvailabilityRoute'),
    (m) => m.AvailabilityRoute,
    'Loading availability…',
  ),
  'time-off': lazyPage(
    () => import('@/routes/TimeOffRoute'),
    (m) => m.TimeOffRoute,
    'Loading time off…',
  ),
  'my-schedule': lazyPage(
    () => import('@/routes/MyScheduleRoute'),
    (m) => m.MyScheduleRoute,
    'Loading your shifts…',
  ),
  locations: lazyPage(
    () => import('@/routes/LocationsRoute'),
    (m) => m.LocationsRoute,
    'Loading locations…',
  ),
  skills: lazyPage(
    () => import('@/routes/SkillsRoute'),
    (m) => m.SkillsRoute,
    'Loading skills…',
  ),
  people: lazyPage(
    () => import('@/routes/PeopleRoute'),
    (m) => m.PeopleRoute,
    'Loading people…',
  ),
  compliance: lazyPage(
    () => import('@/routes/ComplianceRoute'),
    (m) => m.ComplianceRoute,
    'Loading compliance rules…',
  ),
  audit: lazyPage(
    () => import('@/routes/AuditRoute'),
    (m) => m.AuditRoute,
    'Loading the audit trail…',
  ),
};

type PageName = keyof typeof pages;

/** Start downloading the chunk of the screen at this address (at app start, in parallel with
 * the session check rather than after it). */
export function preloadPage(pathname: string): void {
  const name = pathname.split('/')[1] ?? '';
  if (Object.hasOwn(pages, name)) void pages[name as PageName].preload().catch(() => undefined);
}

export function createAppRouter() {
  const { 'sign-in': signIn, ...signedIn } = pages;
  return createBrowserRouter([
    { path: '/sign-in', element: signIn.element, errorElement: <RouteError /> },
    {
      element: <RequireSession />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomeRoute /> },
        ...Object.entries(signedIn).map(([path, page]) => ({
          path,
          element: page.element,
          errorElement: <RouteError />,
        })),
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
