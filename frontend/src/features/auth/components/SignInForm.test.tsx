import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { SignInForm } from './SignInForm';

const ME = {
  user_id: 'u1',
  organisation_id: 'o1',
  organisation_name: 'Org',
  email: 'ada@example.org',
  role: 'admin',
  person_id: null,
  display_name: 'Ada',
  location_ids: [],
};

describe('SignInForm', () => {
  it('explains missing and malformed input without calling the API', async () => {
    const { fetchMock } = mockApi({});
    renderWithProviders(<SignInForm onSignedIn={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Email/), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the API’s reason when the credentials are refused', async () => {
    mockApi({
      'POST /api/v1/auth/login': {
        status: 401,
        body: { error: 'invalid_credentials', detail: 'The email or password is wrong.' },
      },
    });
    const onSignedIn = vi.fn();
    renderWithProviders(<SignInForm onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText(/Email/), 'ada@example.org');
    await userEvent.type(screen.getByLabelText(/Password/), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The email or password is wrong.')).toBeInTheDocument();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('signs in and primes who-am-I', async () => {
    const { calls } = mockApi({
      'POST /api/v1/auth/login': { status: 200, body: { me: ME, csrf_token: 'tok' } },
    });
    const onSignedIn = vi.fn();
    const { queryClient } = renderWithProviders(<SignInForm onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText(/Email/), 'ada@example.org');
    await userEvent.type(screen.getByLabelText(/Password/), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(calls[0]?.body).toEqual({ email: 'ada@example.org', password: 'secret' });
    const cached = queryClient.getQueryCache().findAll()[0]?.state.data;
    expect(cached).toEqual(ME);
  });
});
