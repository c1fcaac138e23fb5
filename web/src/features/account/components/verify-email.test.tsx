// @vitest-environment jsdom
import '../../../test/jsdom-polyfills';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VerifyEmailRoute } from '../../../app/routes/verify-email';
import { i18n } from '../../../i18n';
import { fakeFetch, renderWithProviders } from '../../../test/render';

beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('/bekreft-epost', () => {
  it('sends the token once, even under StrictMode, and takes it out of the address', async () => {
    const tokens: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/verify-email': (init) => {
          tokens.push((JSON.parse(String(init?.body)) as { token: string }).token);
          return { status: 200, body: { status: 'ok', message: 'E-postadressen er bekreftet. Du kan nå logge inn.' } };
        },
      }),
    );
    const { router } = renderWithProviders(<VerifyEmailRoute />, { path: '/bekreft-epost?token=abc123', strict: true });
    expect(await screen.findByText('E-postadressen er bekreftet. Du kan nå logge inn.')).toBeTruthy();
    expect(tokens).toEqual(['abc123']);
    expect(router.state.location.search).toBe('');
    expect(router.state.location.pathname).toBe('/bekreft-epost');
    expect(screen.getByRole('link', { name: 'Logg inn' }).getAttribute('href')).toBe('/logg-inn');
  });

  it('offers a new link when the token is used or expired', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/verify-email': () => ({
          status: 400,
          body: { error: { code: 'invalid_token', message: 'Lenken er ugyldig, utløpt eller allerede brukt. Be om en ny lenke.' } },
        }),
      }),
    );
    renderWithProviders(<VerifyEmailRoute />, { path: '/bekreft-epost?token=brukt' });
    expect(await screen.findByText('Lenken er ugyldig, utløpt eller allerede brukt. Be om en ny lenke.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Få en ny lenke' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send ny lenke' })).toBeTruthy();
  });

  it('sends nothing without a token', async () => {
    const fetchMock = vi.fn(fakeFetch({}));
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<VerifyEmailRoute />, { path: '/bekreft-epost' });
    expect(await screen.findByText(/Adressen mangler koden fra lenken/)).toBeTruthy();
    await waitFor(() => expect(fetchMock).not.toHaveBeenCalledWith('/api/auth/verify-email', expect.anything()));
  });
});
