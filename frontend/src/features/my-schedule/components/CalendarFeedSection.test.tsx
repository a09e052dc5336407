import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { CalendarFeedSection } from './CalendarFeedSection';

const FEED = {
  created_at: '2026-07-01T06:00:00Z',
  url: 'https://shiftwise.example/api/v1/calendar/abc.ics',
  webcal_url: 'webcal://shiftwise.example/api/v1/calendar/abc.ics',
};

describe('CalendarFeedSection', () => {
  it('offers to create the link when there is none, then shows it', async () => {
    const { calls } = mockApi({
      'GET /api/v1/me/calendar-feed': {
        status: 404,
        body: {
          error: 'calendar_feed_not_created',
          detail: 'You have no calendar feed yet.',
        },
      },
      'POST /api/v1/me/calendar-token': { status: 200, body: FEED },
    });
    renderWithProviders(<CalendarFeedSection />);
    await userEvent.click(await screen.findByRole('button', { name: 'Create my calendar link' }));
    expect(await screen.findByLabelText('Your private calendar link')).toHaveValue(FEED.url);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
  });
});
