import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { PersonForm } from './PersonForm';

const CHOICES = {
  'GET /api/v1/skills': { status: 200, body: [] },
  'GET /api/v1/locations': { status: 200, body: [] },
};

const box = (name: RegExp) => screen.getByRole('textbox', { name });

describe('PersonForm', () => {
  it('explains a phone without country code and a maximum below the contract', async () => {
    const { calls } = mockApi(CHOICES);
    renderWithProviders(<PersonForm person={null} onClose={vi.fn()} />);
    await userEvent.type(box(/^Name/), 'Ada Lovelace');
    await userEvent.type(screen.getByRole('textbox', { name: /Phone/ }), '07700 900123');
    await userEvent.type(box(/Contracted hours/), '37.5');
    await userEvent.type(box(/Maximum hours/), '20');
    await userEvent.click(screen.getByRole('button', { name: 'Add person' }));
    expect(
      await screen.findByText(
        'Write the phone number with its country code, e.g. +44 7700 900123.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Maximum hours cannot be below contracted hours.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('puts the API’s complaint about the email beside the email field', async () => {
    const { calls } = mockApi({
      ...CHOICES,
      'POST /api/v1/people': {
        status: 409,
        body: {
          error: 'email_taken',
          detail: 'Someone in the organisation already has this email.',
          fields: [{ field: 'body.email', message: 'Another person already uses this email.' }],
        },
      },
    });
    const onClose = vi.fn();
    renderWithProviders(<PersonForm person={null} onClose={onClose} />);
    await userEvent.type(box(/^Name/), 'Ada Lovelace');
    await userEvent.type(box(/Email/), 'ada@example.org');
    await userEvent.type(screen.getByRole('textbox', { name: /Phone/ }), '+44 7700 900123');
    await userEvent.click(screen.getByRole('button', { name: 'Add person' }));
    expect(await screen.findByText('Another person already uses this email.')).toBeInTheDocument();
    expect(box(/Email/)).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      display_name: 'Ada Lovelace',
      email: 'ada@example.org',
      phone: '+447700900123',
      employment_type: 'part_time',
      skills: [],
    });
    expect(onClose).not.toHaveBeenCalled();
  });
});
