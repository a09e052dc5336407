import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { PlanningActions } from './PlanningActions';

const LOCATION = {
  id: 'loc1',
  name: 'North ward',
  time_zone: 'Europe/London',
  archived_at: null,
} as never;
const COPIED = { status: 201, body: { created: [{}, {}, {}], skipped: [] } };

const target = () => screen.getByLabelText(/Copy the 2 weeks into/) as HTMLInputElement;

describe('Copy from the week grid', () => {
  it('with two weeks shown, copies the whole fortnight to the fortnight after it', async () => {
    const { calls } = mockApi({ 'POST /api/v1/shifts/copy': COPIED });
    renderWithProviders(<PlanningActions location={LOCATION} weekStart="2026-03-02" days={14} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy 2 weeks' }));
    expect(await screen.findByText(/Copy the 2 weeks from Mon 2 Mar/)).toBeInTheDocument();
    expect(target().value).toBe('2026-03-16');
    await userEvent.click(screen.getByRole('button', { name: 'Copy shifts' }));
    expect(
      await screen.findByText(/Created 3 draft shifts in the 2 weeks from Mon 16 Mar/),
    ).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { location_id: 'loc1', from_start_date: '2026-03-02', to_start_date: '2026-03-16', days: 14 },
    ]);
  });

  it('refuses a target overlapping the fortnight copied without calling the API', async () => {
    const { calls } = mockApi({ 'POST /api/v1/shifts/copy': COPIED });
    renderWithProviders(<PlanningActions location={LOCATION} weekStart="2026-03-02" days={14} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy 2 weeks' }));
    await screen.findByText(/Copy the 2 weeks from/);
    await userEvent.clear(target());
    await userEvent.type(target(), '2026-03-09');
    await userEvent.click(screen.getByRole('button', { name: 'Copy shifts' }));
    expect(
      await screen.findByText('Choose a week outside the 2 weeks copied (they would overlap).'),
    ).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('with one week shown, still copies one week', async () => {
    const { calls } = mockApi({ 'POST /api/v1/shifts/copy': COPIED });
    renderWithProviders(<PlanningActions location={LOCATION} weekStart="2026-03-02" />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy week' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Copy shifts' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls[0]?.body).toMatchObject({ to_start_date: '2026-03-09', days: 7 });
  });
});
