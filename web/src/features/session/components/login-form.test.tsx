// @vitest-environment jsdom
import '../../../test/jsdom-polyfills';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n';
import { fakeFetch, renderWithProviders } from '../../../test/render';
import { LoginForm } from './login-form';

const session = {
  user: { id: 1, email: 'kari@example.no', name: 'Kari Nordmann' },
  customers: [{ id: 7, customerNumber: '100001', name: 'Kari Nordmann', type: 'private', role: 'admin' }],
  currentCustomer: { id: 7, customerNumber: '100001', name: 'Kari Nordmann', type: 'private', role: 'admin' },
};

async function fillAndSubmit(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText('Brukernavn (e-post)'), { target: { value: email } });
  fireEvent.change(await screen.findByLabelText('Passord'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Logg inn' }));
}

beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('LoginForm', () => {
  it('shows the fields the user guide describes', async () => {
    renderWithProviders(<LoginForm />);
    const email = await screen.findByLabelText('Brukernavn (e-post)');
    expect(email).toHaveProperty('type', 'email');
    expect(email.getAttribute('autocomplete')).toBe('username');
    const password = await screen.findByLabelText('Passord');
    expect(password).toHaveProperty('type', 'password');
    expect(password.getAttribute('autocomplete')).toBe('current-password');
    expect(screen.getByRole('link', { name: 'Glemt passord?' }).getAttribute('href')).toBe('/glemt-passord');
    expect(screen.getByRole('checkbox', { name: 'Husk meg' })).toBeTruthy();
  });

  it('ties required-field messages to the fields and sends nothing', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<LoginForm />);
    fireEvent.click(await screen.findByRole('button', { name: 'Logg inn' }));

    const email = await screen.findByLabelText('Brukernavn (e-post)');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    await waitFor(() => {
      const describedBy = email.getAttribute('aria-describedby') ?? '';
      const messages = describedBy.split(' ').map((id) => document.getElementById(id)?.textContent);
      expect(messages).toContain('Fyll ut brukernavn (e-post).');
    });
    expect(screen.getByText('Fyll ut passord.')).toBeTruthy();
    expect(document.activeElement).toBe(email);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('removes a message as soon as the field is filled in', async () => {
    renderWithProviders(<LoginForm />);
    fireEvent.click(await screen.findByRole('button', { name: 'Logg inn' }));
    expect(await screen.findByText('Fyll ut passord.')).toBeTruthy();
    fireEvent.change(await screen.findByLabelText('Passord'), { target: { value: 'hemmelig' } });
    await waitFor(() => expect(screen.queryByText('Fyll ut passord.')).toBeNull());
  });

  it('asks for an e-mail address as the username', async () => {
    renderWithProviders(<LoginForm />);
    await fillAndSubmit('kari', 'hemmelig');
    expect(await screen.findByText(/Brukernavnet er e-postadressen din/)).toBeTruthy();
  });

  it('sends e-mail, password and "Husk meg" and stores the session', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/login': (init) => {
          bodies.push(JSON.parse(String(init?.body)));
          return { status: 200, body: session };
        },
      }),
    );
    const { queryClient } = renderWithProviders(<LoginForm />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Husk meg' }));
    await fillAndSubmit('  kari@example.no ', 'hemmelig');
    await waitFor(() => expect(queryClient.getQueryData(['session'])).toEqual(session));
    expect(bodies).toEqual([{ email: 'kari@example.no', password: 'hemmelig', rememberMe: true }]);
  });

  it('shows the generic message for wrong e-mail or password', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/login': () => ({ status: 401, body: { error: { code: 'invalid_credentials', message: 'Feil' } } }),
      }),
    );
    renderWithProviders(<LoginForm />);
    await fillAndSubmit('kari@example.no', 'feil-passord');
    expect(await screen.findByText(/Feil brukernavn \(e-post\) eller passord/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.classList.contains('ds-alert')).toBe(true));
  });

  it('tells how long to wait after too many attempts', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/login': () => ({
          status: 429,
          headers: { 'Retry-After': '300' },
          body: { error: { code: 'too_many_attempts', message: 'Vent' } },
        }),
      }),
    );
    renderWithProviders(<LoginForm />);
    await fillAndSubmit('kari@example.no', 'hemmelig');
    expect(await screen.findByText('For mange mislykkede forsøk. Vent 5 minutter før du prøver igjen.')).toBeTruthy();
  });

  it('explains a busy server (503)', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({ 'POST /api/auth/login': () => ({ status: 503, body: { error: { code: 'overloaded', message: 'Opptatt' } } }) }),
    );
    renderWithProviders(<LoginForm />);
    await fillAndSubmit('kari@example.no', 'hemmelig');
    expect(await screen.findByText(/Mange logger inn akkurat nå/)).toBeTruthy();
  });
});
