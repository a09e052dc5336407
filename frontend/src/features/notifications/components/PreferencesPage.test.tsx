import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NotificationPreferences } from '@/client/types.gen';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { PreferencesPage } from './PreferencesPage';

const prefs = (over: Partial<NotificationPreferences>): NotificationPreferences =>
  ({
    person_id: null,
    channels: { unfilled_shift: ['in_app', 'email'] },
    default_channels: { unfilled_shift: ['in_app', 'email'] },
    available_channels: ['in_app', 'email'],
    customised_kinds: [],
    quiet_hours_start: null,
    quiet_hours_end: null,
    reminder_offsets_minutes: [],
    time_zone: 'Europe/London',
    time_zone_choice: null,
    ...over,
  }) as NotificationPreferences;

describe('notification settings page', () => {
  it('for a login without a staff profile: app and email only, no contact section', async () => {
    const { calls } = mockApi({
      'GET /api/v1/notification-preferences': { status: 200, body: prefs({}) },
    });
    renderWithProviders(<PreferencesPage />);
    expect(await screen.findByText(/address\s+you sign in with/)).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Email' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Text message' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Teams' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Where to reach me' })).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/api/v1/me/contact'))).toBe(false);
  });
});
