import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { OpenShiftsSection } from './OpenShiftsSection';

const OPEN = {
  id: 's1',
  location_id: 'loc1',
  location_name: 'North ward',
  time_zone: 'Europe/London',
  skill_id: null,
  skill_name: 'Nurse',
  starts_at: '2026-07-06T06:00:00Z',
  ends_at: '2026-07-06T14:00:00Z',
  break_minutes: 30,
  headcount: 2,
  assigned_count: 1,
  open_seats: 1,
  notes: null,
  verdict: { allowed: true, violations: [], warnings: [] },
};

describe('OpenShiftsSection', () => {
  it('claims an open seat and shows a refusal’s rules in words', async () => {
    const { calls } = mockApi({
      'GET /api/v1/open-shifts': { status: 200, body: { items: [OPEN], next_offset: null } },
      'POST /api/v1/open-shifts/s1/claim': {
        status: 409,
        body: {
          error: 'rule_violation',
          detail: 'The rules refuse this assignment.',
          violations: [
            { rule: 'min_rest', severity: 'hard', message: 'Only 8 h rest after your last shift.' },
          ],
        },
      },
    });
    renderWithProviders(<OpenShiftsSection enabled />);
    const claim = await screen.findByRole('button', {
      name: 'Claim Mon 6 Jul 07:00–15:00 at North ward',
    });
    expect(screen.getByText('North ward · Nurse · 1 of 2 open')).toBeInTheDocument();
    await userEvent.click(claim);
    expect(await screen.findByLabelText('Rules refusing the claim')).toHaveTextContent(
      'Only 8 h rest after your last shift.',
    );
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
  });

  it('disables the claim and says why when the rules would refuse it', async () => {
    const refused = {
      ...OPEN,
      verdict: {
        allowed: false,
        violations: [{ rule: 'max_hours', severity: 'hard', message: 'Over 48 h this week.' }],
        warnings: [],
      },
    };
    mockApi({
      'GET /api/v1/open-shifts': { status: 200, body: { items: [refused], next_offset: null } },
    });
    renderWithProviders(<OpenShiftsSection enabled />);
    expect(await screen.findByLabelText('Why not')).toHaveTextContent('Over 48 h this week.');
    expect(screen.getByRole('button', { name: /^Claim/ })).toBeDisabled();
  });
});
