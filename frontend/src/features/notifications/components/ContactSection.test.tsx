import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { OwnContact } from '@/client/types.gen';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { ContactSection } from './ContactSection';
import { toContactBody } from './contactForm';

const ok = { failing_since: null, failure: null };
const contact = (over: Partial<OwnContact> = {}): OwnContact => ({
  email: 'sam@example.com',
  phone: null,
  teams_webhook_set: true,
  email_state: ok,
  phone_state: ok,
  teams_state: ok,
  ...over,
});

describe('where to reach me', () => {
  it('sends only what changed and shows the API’s complaint beside the field', async () => {
    const { calls } = mockApi({
      'GET /api/v1/me/contact': { status: 200, body: contact() },
      'PATCH /api/v1/me/contact': {
        status: 422,
        body: {
          error: 'validation_error',
          detail: 'Some fields are missing or invalid: body.teams_webhook_url',
          fields: [
            {
              field: 'body.teams_webhook_url',
              message: 'The Teams webhook URL points at a private address.',
            },
          ],
        },
      },
    });
    renderWithProviders(<ContactSection />);
    await userEvent.type(await screen.findByLabelText(/Mobile number/), '+447700900123');
    await userEvent.type(screen.getByLabelText(/Teams Workflows webhook/), 'https://10.0.0.1/x');
    await userEvent.click(screen.getByRole('button', { name: 'Save contact details' }));
    expect(
      await screen.findByText('The Teams webhook URL points at a private address.'),
    ).toBeInTheDocument();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({
      phone: '+447700900123',
      teams_webhook_url: 'https://10.0.0.1/x',
    });
  });

  it('checks the phone before sending and says when a contact stopped working', async () => {
    const { calls } = mockApi({
      'GET /api/v1/me/contact': {
        status: 200,
        body: contact({
          email_state: {
            failing_since: '2026-07-01T06:00:00Z',
            failure: 'sendgrid reported bounce',
          },
        }),
      },
    });
    renderWithProviders(<ContactSection />);
    expect(await screen.findByText(/sendgrid reported bounce/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Mobile number/), '07700 900123');
    await userEvent.click(screen.getByRole('button', { name: 'Save contact details' }));
    expect(await screen.findByText(/with \+ and the country code/)).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0));
  });

  it('removes the webhook only when asked', () => {
    const values = {
      email: 'sam@example.com',
      phone: '',
      teams_webhook_url: '',
      remove_teams: false,
    };
    expect(toContactBody(values, contact())).toEqual({});
    expect(toContactBody({ ...values, remove_teams: true }, contact())).toEqual({
      teams_webhook_url: null,
    });
    expect(toContactBody({ ...values, email: '' }, contact())).toEqual({ email: null });
  });
});
