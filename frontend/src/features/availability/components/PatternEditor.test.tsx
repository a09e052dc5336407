import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { PatternEditor } from './PatternEditor';

describe('PatternEditor', () => {
  it('saves the whole week and shows an overlap beside the slot it concerns', async () => {
    const { calls } = mockApi({
      'PUT /api/v1/availability/p1/pattern': {
        status: 422,
        body: {
          error: 'overlapping_slots',
          detail: 'Two slots overlap.',
          fields: [{ field: 'body.slots.1.start_time', message: 'Overlaps Monday 09:00–17:00.' }],
        },
      },
    });
    renderWithProviders(
      <PatternEditor
        personId="p1"
        slots={[
          {
            id: 's1',
            weekday: 0,
            start_time: '09:00:00',
            end_time: '17:00:00',
            status: 'available',
          },
        ]}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add a time' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save weekly pattern' }));
    const message = await screen.findByText('Overlaps Monday 09:00–17:00.');
    const fromInputs = screen.getAllByLabelText('From');
    expect(message.closest('.fui-Field')).toContainElement(fromInputs[1] as HTMLElement);
    await waitFor(() =>
      expect(calls[0]?.body).toEqual({
        slots: [
          { weekday: 0, start_time: '09:00', end_time: '17:00', status: 'available' },
          { weekday: 0, start_time: '09:00', end_time: '17:00', status: 'available' },
        ],
      }),
    );
  });
});
