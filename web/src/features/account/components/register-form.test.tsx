// @vitest-environment jsdom
import '../../../test/jsdom-polyfills';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n';
import { fakeFetch, renderWithProviders } from '../../../test/render';
import { RegisterForm } from './register-form';

async function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) fireEvent.change(await screen.findByLabelText(label), { target: { value } });
}

const complete = {
  Kundenummer: '100062',
  PIN: '123456',
  'Brukernavn (e-post)': 'ny@example.no',
  Passord: 'Lang-nok-passord',
  'Bekreft passord': 'Lang-nok-passord',
};

const describedBy = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');

beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('RegisterForm', () => {
  it('has the fields of the user guide with the right input hints', async () => {
    renderWithProviders(<RegisterForm />);
    const pin = await screen.findByLabelText('PIN');
    expect(pin.getAttribute('inputmode')).toBe('numeric');
    expect(pin.getAttribute('autocomplete')).toBe('off');
    expect((await screen.findByLabelText('Brukernavn (e-post)')).getAttribute('autocomplete')).toBe('username');
    expect((await screen.findByLabelText('Passord')).getAttribute('autocomplete')).toBe('new-password');
    expect((await screen.findByLabelText('Bekreft passord')).getAttribute('autocomplete')).toBe('new-password');
    expect(screen.getByRole('link', { name: 'Glemt Kundenummer og/eller PIN?' }).getAttribute('href')).toBe('/glemt-kundenummer');
  });

  it('lists every missing field in the error summary, ties each message to its field and sends nothing', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RegisterForm />);
    fireEvent.click(await screen.findByRole('button', { name: 'Registrer' }));

    const summary = await screen.findByRole('group', { name: 'For å gå videre må du rette opp dette:' });
    expect(summary.querySelectorAll('a')).toHaveLength(5);
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(describedBy(await screen.findByLabelText('Kundenummer'))).toContain('Fyll ut kundenummer.');
    expect((await screen.findByLabelText('PIN')).getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('catches a short or unequal password before sending', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RegisterForm />);
    await fill({ ...complete, Passord: 'kort', 'Bekreft passord': 'kort2' });
    fireEvent.click(screen.getByRole('button', { name: 'Registrer' }));
    expect(describedBy(await screen.findByLabelText('Passord'))).toContain('Passord må være minimum 8 tegn langt.');
    expect(describedBy(await screen.findByLabelText('Bekreft passord'))).toContain('Passordene er ikke like.');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("puts the server's answer about a wrong PIN at the PIN field", async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/register': () => ({
          status: 400,
          body: { error: { code: 'invalid_customer_credentials', message: 'Kundenummer og PIN stemmer ikke.' } },
        }),
      }),
    );
    renderWithProviders(<RegisterForm />);
    await fill(complete);
    fireEvent.click(screen.getByRole('button', { name: 'Registrer' }));
    const pin = await screen.findByLabelText('PIN');
    await waitFor(() => expect(describedBy(pin)).toContain('Kundenummer og PIN stemmer ikke.'));
    expect(screen.getByRole('link', { name: 'Kundenummer og PIN stemmer ikke.' })).toBeTruthy();
    // Changing the PIN takes the server's message away.
    fireEvent.change(pin, { target: { value: '654321' } });
    await waitFor(() => expect(describedBy(pin)).not.toContain('Kundenummer og PIN stemmer ikke.'));
  });

  it("sends the values with the interface's language and shows the server's answer instead of the form", async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/register': (init) => {
          bodies.push(JSON.parse(String(init?.body)));
          return { status: 202, body: { status: 'accepted', message: 'Takk! Vi har sendt en e-post til adressen du oppga.' } };
        },
      }),
    );
    renderWithProviders(<RegisterForm />);
    await fill({ ...complete, Kundenummer: ' 100062 ' });
    fireEvent.click(screen.getByRole('button', { name: 'Registrer' }));
    const message = await screen.findByText('Takk! Vi har sendt en e-post til adressen du oppga.');
    await waitFor(() => expect(document.activeElement?.contains(message)).toBe(true));
    expect(screen.queryByRole('button', { name: 'Registrer' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Logg inn' }).getAttribute('href')).toBe('/logg-inn');
    expect(bodies).toEqual([
      {
        customerNumber: '100062',
        pin: '123456',
        email: 'ny@example.no',
        password: 'Lang-nok-passord',
        passwordConfirm: 'Lang-nok-passord',
        locale: 'nb',
      },
    ]);
  });
});
