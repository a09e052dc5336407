import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { LocationForm } from './LocationForm';

async function fillNew(name: string, zone: string) {
  await userEvent.type(screen.getByRole('textbox', { name: /Name/ }), name);
  // Typing zone names key by key re-filters hundreds of options; one change event suffices.
  fireEvent.change(screen.getByRole('combobox', { name: /Time zone/ }), {
    target: { value: zone },
  });
}

describe('LocationForm', () => {
  it('refuses a time zone that is not an IANA zone before calling the API', async () => {
    const { calls } = mockApi({ 'GET /api/v1/users': { status: 200, body: { items: [] } } });
    renderWithProviders(<LocationForm location={null} onClose={vi.fn()} />);
    await fillNew('North ward', 'Mars/Olympus');
    await userEvent.click(screen.getByRole('button', { name: 'Create location' }));
    expect(
      await screen.findByText('Choose a time zone from the list, such as Europe/London.'),
    ).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows the API’s field error next to the field it names', async () => {
    mockApi({
      'POST /api/v1/locations': {
        status: 409,
        body: {
          error: 'duplicate_name',
          detail: 'A location named North ward already exists.',
          fields: [{ field: 'body.name', message: 'This name is already used by a location.' }],
        },
      },
    });
    const onClose = vi.fn();
    renderWithProviders(<LocationForm location={null} onClose={onClose} />);
    await fillNew('North ward', 'Europe/London');
    await userEvent.click(screen.getByRole('button', { name: 'Create location' }));
    const message = await screen.findByText('This name is already used by a location.');
    // Fluent links the message to its input, so assistive tech reads it with the field.
    const input = screen.getByRole('textbox', { name: /Name/ });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input.getAttribute('aria-describedby') ?? '').toContain(message.id);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('creates the location with the CSRF token and closes', async () => {
    // biome-ignore lint/suspicious/noDocumentCookie: the server sets this cookie in real use
    document.cookie = 'shiftwise_csrf=csrf-123';
    const { calls } = mockApi({
      'POST /api/v1/locations': { status: 201, body: { id: 'l1' } },
      'GET /api/v1/locations': { status: 200, body: [] },
    });
    const onClose = vi.fn();
    renderWithProviders(<LocationForm location={null} onClose={onClose} />);
    await fillNew('North ward', 'Europe/London');
    await userEvent.click(screen.getByRole('button', { name: 'Create location' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      name: 'North ward',
      address: null,
      time_zone: 'Europe/London',
      coordinator_user_ids: [],
    });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-123');
  });
});
