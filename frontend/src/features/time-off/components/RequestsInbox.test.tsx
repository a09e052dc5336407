import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { RequestsInbox } from './RequestsInbox';

const REQUEST = {
  id: 'r1',
  person_id: 'p1',
  person_display_name: 'Ada Lovelace',
  starts_at: '2026-07-06T00:00:00+01:00',
  ends_at: '2026-07-08T00:00:00+01:00',
  kind: 'vacation',
  reason: 'Wedding',
  state: 'pending',
  created_at: '2026-06-01T10:00:00Z',
};
const AFFECTED = {
  assignment_id: 'a1',
  shift_id: 's1',
  location_id: 'loc1',
  location_name: 'North ward',
  time_zone: 'Europe/London',
  starts_at: '2026-07-06T06:00:00Z',
  ends_at: '2026-07-06T14:00:00Z',
  shift_state: 'published',
};

describe('RequestsInbox', () => {
  it('shows the shifts approval releases, then approves and releases them', async () => {
    const { calls } = mockApi({
      'GET /api/v1/time-off-requests': {
        status: 200,
        body: { items: [REQUEST], next_offset: null },
      },
      'GET /api/v1/locations': {
        status: 200,
        body: [{ id: 'loc1', name: 'North ward', time_zone: 'Europe/London' }],
      },
      'GET /api/v1/time-off-requests/r1/impact': {
        status: 200,
        body: { request_id: 'r1', person_id: 'p1', assignments: [AFFECTED] },
      },
      'POST /api/v1/time-off-requests/r1/approve': { status: 200, body: {} },
    });
    renderWithProviders(<RequestsInbox locationIds={null} />);
    expect(await screen.findByText('Mon 6 Jul – Tue 7 Jul')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve Ada Lovelace’s time off' }));
    // Fluent marks the surface aria-hidden while it animates in; labels find it regardless.
    const released = await screen.findByLabelText('Shifts released');
    expect(released).toHaveTextContent(
      /Mon 6 Jul 07:00–15:00 at North ward( \(Europe\/London \(BST\)\))?, published/,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve and release 1 shift', hidden: true }),
    );
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        release_assignments: true,
        note: null,
      }),
    );
  });

  it('says so when nothing waits', async () => {
    mockApi({
      'GET /api/v1/time-off-requests': { status: 200, body: { items: [], next_offset: null } },
      'GET /api/v1/locations': { status: 200, body: [] },
    });
    renderWithProviders(<RequestsInbox locationIds={null} />);
    expect(
      await screen.findByText('No time-off requests are waiting for a decision.'),
    ).toBeInTheDocument();
  });
});
