import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { TemplateForm } from './TemplateForm';

const LOCATION = { id: 'loc1', name: 'North ward', time_zone: 'Europe/London' } as never;
const SKILLS = { 'GET /api/v1/skills': { status: 200, body: [] } };

describe('TemplateForm', () => {
  it('turns weekday picks into an RRULE with local times', async () => {
    const { calls } = mockApi({
      ...SKILLS,
      'POST /api/v1/shift-templates': { status: 201, body: {} },
    });
    const onClose = vi.fn();
    renderWithProviders(<TemplateForm location={LOCATION} template={null} onClose={onClose} />);
    await userEvent.type(screen.getByLabelText(/^Name/), 'Weekend nights');
    expect(screen.getByText('Every weekday')).toBeInTheDocument();
    for (const day of [
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]) {
      await userEvent.click(screen.getByRole('button', { name: day }));
    }
    // Monday–Friday were on, now off; the weekend is on.
    expect(screen.getByText('Every Sat, Sun')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/Every … weeks/));
    await userEvent.type(screen.getByLabelText(/Every … weeks/), '2');
    await userEvent.clear(screen.getByLabelText(/^Starts/));
    await userEvent.type(screen.getByLabelText(/^Starts/), '22:00');
    await userEvent.clear(screen.getByLabelText(/^Ends/));
    await userEvent.type(screen.getByLabelText(/^Ends/), '06:00');
    await userEvent.click(screen.getByRole('button', { name: 'Create pattern' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      location_id: 'loc1',
      name: 'Weekend nights',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU',
      start_time: '22:00',
      end_time: '06:00',
      until_date: null,
    });
  });

  it('asks for a weekday, and shows the API’s rule complaint beside the weekdays', async () => {
    const { calls } = mockApi({
      ...SKILLS,
      'POST /api/v1/shift-templates': {
        status: 422,
        body: {
          error: 'validation_error',
          detail: 'The request is not valid.',
          fields: [{ field: 'body.rrule', message: 'The rule never repeats.' }],
        },
      },
    });
    renderWithProviders(<TemplateForm location={LOCATION} template={null} onClose={vi.fn()} />);
    await userEvent.type(screen.getByLabelText(/^Name/), 'Days');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      await userEvent.click(screen.getByRole('button', { name: day }));
    }
    await userEvent.click(screen.getByRole('button', { name: 'Create pattern' }));
    expect(await screen.findByText('Pick at least one weekday.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Monday' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create pattern' }));
    expect(await screen.findByText('The rule never repeats.')).toBeInTheDocument();
  });
});
