import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { SwapInbox } from './SwapInbox';

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
  person_id: 'p1',
  person_display_name: 'Ada Lovelace',
};
const REQUEST = {
  id: 'r1',
  kind: 'drop',
  state: 'accepted',
  shift: SHIFT,
  requester_person_id: 'p1',
  requester_display_name: 'Ada Lovelace',
  counterpart_person_id: 'p2',
  counterpart_display_name: 'Grace Hopper',
  counterpart_shift: null,
  expires_at: '2026-07-05T06:00:00Z',
  note: 'Dentist',
  verdict: {
    checked_at: '2026-07-01T06:00:00Z',
    allowed: true,
    violations: [],
    warnings: [{ rule: 'overtime', severity: 'soft', message: 'Grace goes 4 h over contract.' }],
  },
  accepted_at: '2026-07-01T06:00:00Z',
  decided_by_user_id: null,
  decided_at: null,
  created_at: '2026-07-01T05:00:00Z',
  updated_at: '2026-07-01T06:00:00Z',
};

describe('SwapInbox', () => {
  it('shows the stored verdict, and the rules when approval is refused', async () => {
    const { calls } = mockApi({
      'GET /api/v1/shift-requests': { status: 200, body: { items: [REQUEST], next_offset: null } },
      'POST /api/v1/shift-requests/r1/approve': {
        status: 409,
        body: {
          error: 'rule_violation',
          detail: 'The rules now refuse this change.',
          violations: [{ rule: 'min_rest', severity: 'hard', message: 'Grace rests only 8 h.' }],
        },
      },
    });
    renderWithProviders(<SwapInbox />);
    expect(await screen.findByText('Allowed with warnings')).toBeInTheDocument();
    expect(screen.getByLabelText('Warnings on Ada Lovelace’s request')).toHaveTextContent(
      'Grace goes 4 h over contract.',
    );
    expect(screen.getByText('Mon 6 Jul 07:00–15:00 at North ward')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve Ada Lovelace’s drop' }));
    expect(await screen.findByLabelText('Why it was refused')).toHaveTextContent(
      'Grace rests only 8 h.',
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ note: null });
  });

  it('denies a request with a note for the people in it', async () => {
    const { calls } = mockApi({
      'GET /api/v1/shift-requests': { status: 200, body: { items: [REQUEST], next_offset: null } },
      'POST /api/v1/shift-requests/r1/deny': { status: 200, body: { ...REQUEST, state: 'denied' } },
    });
    renderWithProviders(<SwapInbox />);
    await userEvent.type(
      await screen.findByLabelText('Note to them (optional)'),
      'Grace is needed on the ward that day.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Deny Ada Lovelace’s drop' }));
    expect(await screen.findByText('Denied: Ada Lovelace’s drop.')).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/v1/shift-requests/r1/deny')?.body).toEqual({
        note: 'Grace is needed on the ward that day.',
      }),
    );
  });
});

describe('SwapInbox, waiting for a colleague', () => {
  it('lists pending requests with deny only', async () => {
    const { calls } = mockApi({
      'GET /api/v1/shift-requests': {
        status: 200,
        body: { items: [{ ...REQUEST, state: 'pending', accepted_at: null }], next_offset: null },
      },
    });
    renderWithProviders(<SwapInbox state="pending" />);
    expect(
      await screen.findByRole('button', { name: 'Deny Ada Lovelace’s drop' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve Ada Lovelace’s drop' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Waiting for a colleague' })).toBeInTheDocument();
    expect(calls[0]?.path).toContain('state=pending');
  });
});
