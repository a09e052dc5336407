import type { Role } from '@/lib/session';

export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

/** Only screens whose API exists are listed; each appears to the roles that may use it. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/schedule', label: 'Schedule', roles: ['admin', 'coordinator'] },
  { to: '/patterns', label: 'Shift patterns', roles: ['admin', 'coordinator'] },
  { to: '/requests', label: 'Requests', roles: ['admin', 'coordinator'] },
  { to: '/my-schedule', label: 'My schedule', roles: ['staff'] },
  { to: '/availability', label: 'Availability', roles: ['staff'] },
  { to: '/time-off', label: 'Time off', roles: ['staff'] },
  { to: '/locations', label: 'Locations', roles: ['admin', 'coordinator'] },
  { to: '/skills', label: 'Skills', roles: ['admin', 'coordinator'] },
  { to: '/people', label: 'People', roles: ['admin', 'coordinator'] },
  { to: '/compliance', label: 'Compliance rules', roles: ['admin'] },
  { to: '/audit', label: 'Audit trail', roles: ['admin'] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  return navFor(role)[0]?.to ?? '/account';
}
