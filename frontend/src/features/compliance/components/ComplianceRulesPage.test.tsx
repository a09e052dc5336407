import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { ComplianceRulesPage } from './ComplianceRulesPage';

const LAYER = {
  scope: 'organisation',
  location_id: null,
  person_id: null,
  updated_at: null,
  rules: {},
  effective: {
    overlap: { enabled: true, severity: 'hard', params: {} },
    min_rest: { enabled: true, severity: 'hard', params: { hours: 11 } },
    max_weekends: {
      enabled: true,
      severity: 'soft',
      params: { weekends: 2, weeks: 4, weekend_days: [5, 6] },
    },
  },
};

function rule(code: string) {
  const el = document.querySelector(`[data-rule="${code}"]`);
  if (!el) throw new Error(`no rule ${code}`);
  return within(el as HTMLElement);
}

describe('compliance rules', () => {
  it('shows inherited rules, checks values in the form, and sends the whole layer', async () => {
    const { calls } = mockApi({
      'GET /api/v1/compliance-rules/organisation': { status: 200, body: LAYER },
      'GET /api/v1/locations': { status: 200, body: [] },
      'GET /api/v1/people': { status: 200, body: { items: [], next_offset: null } },
      'PUT /api/v1/compliance-rules/organisation': (call) => ({
        status: 200,
        body: { ...LAYER, rules: (call.body as { rules: unknown }).rules, updated_at: 'now' },
      }),
    });
    renderWithProviders(<ComplianceRulesPage />);
    await screen.findByRole('form', { name: 'Rules for the organisation' });
    expect(
      rule('min_rest').getByText('Inherited from the defaults: Refuses; hours 11'),
    ).toBeInTheDocument();

    await userEvent.click(rule('min_rest').getByRole('checkbox'));
    const hours = rule('min_rest').getByRole('textbox', { name: /Hours/ });
    await userEvent.clear(hours);
    await userEvent.type(hours, 'eleven');
    await userEvent.click(rule('max_weekends').getByRole('checkbox'));
    const days = rule('max_weekends').getByRole('textbox', { name: /Weekend days/ });
    await userEvent.clear(days);
    await userEvent.type(days, '5, 6');
    await userEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(
      await rule('min_rest').findByText('Enter a number of 0 or more, or leave it blank.'),
    ).toBeInTheDocument();
    expect(
      rule('max_weekends').getByText('Write a list in square brackets, e.g. [5, 6].'),
    ).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await userEvent.clear(hours);
    await userEvent.type(hours, '12');
    await userEvent.click(rule('max_weekends').getByRole('checkbox'));
    await userEvent.selectOptions(
      rule('min_rest').getByRole('combobox', { name: /when broken/ }),
      'soft',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('Saved the rules for the organisation.')).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
        rules: { min_rest: { enabled: true, severity: 'soft', params: { hours: 12 } } },
      }),
    );
  });

  it('puts the API’s refusal next to the field it names', async () => {
    mockApi({
      'GET /api/v1/compliance-rules/organisation': { status: 200, body: LAYER },
      'GET /api/v1/locations': { status: 200, body: [] },
      'GET /api/v1/people': { status: 200, body: { items: [], next_offset: null } },
      'PUT /api/v1/compliance-rules/organisation': {
        status: 422,
        body: {
          error: 'invalid_rule_setting',
          detail: 'A rule setting is invalid.',
          fields: [{ field: 'body.rules.min_rest.params.hours', message: 'must be at most 48' }],
        },
      },
    });
    renderWithProviders(<ComplianceRulesPage />);
    await screen.findByRole('form', { name: 'Rules for the organisation' });
    await userEvent.click(rule('min_rest').getByRole('checkbox'));
    const hours = rule('min_rest').getByRole('textbox', { name: /Hours/ });
    await userEvent.clear(hours);
    await userEvent.type(hours, '99');
    await userEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await rule('min_rest').findByText('must be at most 48')).toBeInTheDocument();
    expect(screen.getByText('Some fields need attention.')).toBeInTheDocument();
  });
});
