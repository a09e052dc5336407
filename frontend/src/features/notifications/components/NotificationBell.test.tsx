import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { NotificationBell } from './NotificationBell';

const note = (id: string, topic: string, read: boolean) => ({
  id,
  topic,
  payload: {},
  created_at: '2026-07-01T06:00:00Z',
  read_at: read ? '2026-07-01T07:00:00Z' : null,
});

describe('notification bell', () => {
  it('shows the unread count, lists the latest in words, and marks them read', async () => {
    const { calls } = mockApi({
      'GET /api/v1/notifications/unread-count': { status: 200, body: { unread: 1 } },
      'GET /api/v1/notifications': {
        status: 200,
        body: {
          items: [note('n1', 'assignment.created', false), note('n2', 'shift.changed', true)],
          next_offset: null,
        },
      },
      'POST /api/v1/notifications/n1/read': { status: 200, body: note('n1', 'x', true) },
      'POST /api/v1/notifications/read-all': { status: 200, body: { unread: 0 } },
    });
    renderWithProviders(<NotificationBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const unread = await screen.findByRole('button', {
      name: /^Unread: You were assigned a shift/,
    });
    expect(screen.getByText('A shift of yours changed')).toBeInTheDocument();
    await userEvent.click(unread);
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
        '/api/v1/notifications/n1/read',
        '/api/v1/notifications/read-all',
      ]),
    );
  });
});
