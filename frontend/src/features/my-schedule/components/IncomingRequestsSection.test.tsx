import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { IncomingRequestsSection, incomingFor } from './IncomingRequestsSection';

const shift = (id: string, person: string, name: string) => ({
  assignment_id: `a-${id}`,
  assignment_state: 'assigned',
  shift_id: id,
  location_id: 'loc1',
  location_name: 'North ward',
  time_zone: 'Europe/London',
  skill_id: null,
  starts_at: '2026-07-06T06:00:00Z',
  ends_at: '2026-07-06T14:00:00Z',
  person_id: person,
  person_display_name: name,
});
const request = (id: string, extra: Record<string, unknown>) => ({
  id,
  kind: 'offer',
  state: 'pending',
  shift: shift('s1', 'p2', 'Grace'),
  requester_person_id: 'p2',
  requester_display_name: 'Grace',
  counterpart_person_id: 'me',
  counterpart_display_name: 'Ada',
  counterpart_shift: null,
  expires_at: '2026-07-05T06:00:00Z',
  note: 'Family wedding',
  verdict: null,
  accepted_at: null,
  decided_by_user_id: null,
  decided_at: null,
  created_at: '2026-07-01T06:00:00Z',
  updated_at: '2026-07-01T06:00:00Z',
  ...extra,
});

const OFFER = request('r1', {});
const MINE = request('r2', { requester_person_id: 'me', counterpart_person_id: 'p2' });
const DROP = request('r3', { kind: 'drop', counterpart_person_id: null });
const TAKEN = request('r4', { kind: 'drop', counterpart_person_id: 'p3', state: 'accepted' });

describe('offered to me', () => {
  it('keeps pending offers naming me and open drops by others', () => {
    expect(incomingFor([OFFER, MINE, DROP, TAKEN] as never, 'me').map((r) => r.id)).toEqual([
      'r1',
      'r3',
    ]);
  });

  it('accepts an offer; a refusal lists the rules in words', async () => {
    const { calls } = mockApi({
      'GET /api/v1/shift-requests': {
        status: 200,
        body: { items: [OFFER, DROP], next_offset: null },
      },
      'POST /api/v1/shift-requests/r1/accept': {
        status: 200,
        body: { request: { ...OFFER, state: 'accepted' }, assignments: [], warnings: [] },
      },
      'POST /api/v1/shift-requests/r3/accept': {
        status: 409,
        body: {
          error: 'rule_violation',
          detail: 'The rules refuse this change.',
          violations: [{ rule: 'overlap', severity: 'hard', message: 'You already work then.' }],
        },
      },
    });
    renderWithProviders(<IncomingRequestsSection personId="me" />);
    const list = await screen.findByRole('list', { name: 'Offered to me' });
    expect(within(list).getByText(/Grace offers you Mon 6 Jul 07:00–15:00/)).toBeInTheDocument();
    expect(within(list).getAllByText('“Family wedding”')).toHaveLength(2);

    const buttons = within(list).getAllByRole('button');
    await userEvent.click(buttons[1] as HTMLElement);
    expect(await screen.findByLabelText('Why you cannot take it')).toHaveTextContent(
      'You already work then.',
    );
    await userEvent.click(buttons[0] as HTMLElement);
    expect(await screen.findByText(/Accepted. A coordinator will approve/)).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
        '/api/v1/shift-requests/r3/accept',
        '/api/v1/shift-requests/r1/accept',
      ]),
    );
  });
});
