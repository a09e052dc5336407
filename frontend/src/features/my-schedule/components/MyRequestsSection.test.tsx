import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { MyRequestsSection } from './MyRequestsSection';

const SHIFT = {
  assignment_id: 'a1',
  assignment_state: 'assigned',
  shift_id: 's1',
  location_id: 'loc1',
  location_name: 'North ward',
  time_zone: 'Europe/London',
  skill_id: null,
  starts_at: '2026-07-06T06:00:00Z',
  ends_at: '2026-07-06T14:00:00Z',
  person_id: 'me',
  person_display_name: 'Ada',
};
const REQUEST = {
  id: 'r1',
  kind: 'offer',
  state: 'pending',
  shift: SHIFT,
  requester_person_id: 'me',
  requester_display_name: 'Ada',
  counterpart_person_id: 'p2',
  counterpart_display_name: 'Grace',
  counterpart_shift: null,
  expires_at: '2026-07-05T06:00:00Z',
  note: null,
  verdict: null,
  accepted_at: null,
  decided_by_user_id: null,
  decided_at: null,
  created_at: '2026-07-01T06:00:00Z',
  updated_at: '2026-07-01T06:00:00Z',
};

describe('MyRequestsSection', () => {
  it('lists my offer with where it stands and withdraws it', async () => {
    const { calls } = mockApi({
      'GET /api/v1/shift-requests': { status: 200, body: { items: [REQUEST], next_offset: null } },
      'POST /api/v1/shift-requests/r1/cancel': {
        status: 200,
        body: { ...REQUEST, state: 'cancelled' },
      },
    });
    renderWithProviders(<MyRequestsSection personId="me" />);
    expect(
      await screen.findByText('You offered to Grace Mon 6 Jul 07:00–15:00 at North ward'),
    ).toBeInTheDocument();
    expect(screen.getByText('Waiting for a colleague')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/shift-requests/r1/cancel')).toBe(true),
    );
  });
});

describe('a decided request', () => {
  it('shows the coordinator’s note', async () => {
    mockApi({
      'GET /api/v1/shift-requests': {
        status: 200,
        body: {
          items: [{ ...REQUEST, state: 'denied', decision_note: 'We are short that day.' }],
          next_offset: null,
        },
      },
    });
    renderWithProviders(<MyRequestsSection personId="me" />);
    expect(
      await screen.findByText('Coordinator’s note: “We are short that day.”'),
    ).toBeInTheDocument();
    expect(screen.getByText('Denied')).toBeInTheDocument();
  });
});
