import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { ShiftEditor } from './ShiftEditor';

const LOCATION = {
  id: 'loc1',
  name: 'North ward',
  time_zone: 'America/New_York',
  archived_at: null,
} as never;
const SKILLS = { 'GET /api/v1/skills': { status: 200, body: [{ id: 'sk1', name: 'Nurse' }] } };

const box = (name: RegExp) => screen.getByLabelText(name) as HTMLInputElement;

async function fill(label: RegExp, value: string) {
  await userEvent.clear(box(label));
  await userEvent.type(box(label), value);
}

describe('ShiftEditor', () => {
  it('sends a night shift as instants in the location’s zone, ending the next day', async () => {
    const { calls } = mockApi({ ...SKILLS, 'POST /api/v1/shifts': { status: 201, body: {} } });
    const onClose = vi.fn();
    renderWithProviders(
      <ShiftEditor location={LOCATION} shift={null} day="2026-03-07" onClose={onClose} />,
    );
    await screen.findByRole('option', { name: 'Nurse' });
    await fill(/^Starts/, '22:00');
    await fill(/^Ends/, '06:00');
    expect(screen.getByText('Ends the next day')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Skill needed'), 'sk1');
    await fill(/Headcount/, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Create shift' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    // New York is UTC-5 on 7 March, and UTC-4 from the 8th (clocks go forward at 02:00).
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      location_id: 'loc1',
      starts_at: '2026-03-08T03:00:00.000Z',
      ends_at: '2026-03-08T10:00:00.000Z',
      skill_id: 'sk1',
      headcount: 2,
      break_minutes: 30,
      notes: null,
    });
  });

  it('explains a bad headcount and a break longer than the shift without calling the API', async () => {
    const { calls } = mockApi(SKILLS);
    renderWithProviders(
      <ShiftEditor location={LOCATION} shift={null} day="2026-03-02" onClose={vi.fn()} />,
    );
    await fill(/Headcount/, '0');
    await fill(/Unpaid break/, '600');
    await userEvent.click(screen.getByRole('button', { name: 'Create shift' }));
    expect(
      await screen.findByText('Headcount must be a whole number from 1 to 100.'),
    ).toBeInTheDocument();
    expect(screen.getByText('The break must be shorter than the shift.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('puts the API’s complaint about the end beside the end time', async () => {
    mockApi({
      ...SKILLS,
      'POST /api/v1/shifts': {
        status: 422,
        body: {
          error: 'validation_error',
          detail: 'The request is not valid.',
          fields: [{ field: 'body.ends_at', message: 'A shift may last at most 16 hours.' }],
        },
      },
    });
    renderWithProviders(
      <ShiftEditor location={LOCATION} shift={null} day="2026-03-02" onClose={vi.fn()} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create shift' }));
    const message = await screen.findByText('A shift may last at most 16 hours.');
    expect(message.closest('.fui-Field')).toContainElement(box(/^Ends/));
  });

  it('cancels an existing shift after saying who it affects', async () => {
    const shift = {
      id: 's1',
      location_id: 'loc1',
      skill_id: null,
      starts_at: '2026-03-02T12:00:00Z',
      ends_at: '2026-03-02T20:00:00Z',
      break_minutes: 0,
      headcount: 1,
      notes: null,
      state: 'published',
      assigned_count: 1,
    } as never;
    const { calls } = mockApi({
      ...SKILLS,
      'POST /api/v1/shifts/s1/cancel': { status: 200, body: {} },
    });
    const onClose = vi.fn();
    renderWithProviders(
      <ShiftEditor location={LOCATION} shift={shift} day="2026-03-02" onClose={onClose} />,
    );
    expect(box(/^Starts/).value).toBe('07:00');
    expect(screen.getByText(/America\/New_York/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel shift…' }));
    expect(screen.getByText(/removes 1 assignment; the people on it are told/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel this shift' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.some((c) => c.path === '/api/v1/shifts/s1/cancel')).toBe(true);
  });
});
