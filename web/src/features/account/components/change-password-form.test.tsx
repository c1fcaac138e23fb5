// @vitest-environment jsdom
import '../../../test/jsdom-polyfills';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n';
import { setUnauthorizedHandler } from '../../../lib/api-client';
import { fakeFetch, renderWithProviders } from '../../../test/render';
import { ChangePasswordForm } from './change-password-form';

async function submit(current: string, next: string) {
  fireEvent.change(await screen.findByLabelText('Nåværende passord'), { target: { value: current } });
  fireEvent.change(await screen.findByLabelText('Nytt passord'), { target: { value: next } });
  fireEvent.change(await screen.findByLabelText('Bekreft nytt passord'), { target: { value: next } });
  fireEvent.click(screen.getByRole('button', { name: 'Lagre nytt passord' }));
}

beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setUnauthorizedHandler(undefined);
});

describe('ChangePasswordForm', () => {
  it('shows a wrong current password at its field and keeps the user logged in', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/change-password': () => ({
          status: 401,
          body: { error: { code: 'invalid_credentials', message: 'Nåværende passord er feil.' } },
        }),
      }),
    );
    renderWithProviders(<ChangePasswordForm />);
    await submit('feil-passord', 'Et-nytt-langt-passord');
    const current = await screen.findByLabelText('Nåværende passord');
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('link', { name: 'Nåværende passord er feil.' })).toBeTruthy();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('says that the other devices are logged out', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/auth/change-password': () => ({
          status: 200,
          body: { status: 'ok', message: 'Passordet er endret. Du er logget ut på alle andre enheter.' },
        }),
      }),
    );
    renderWithProviders(<ChangePasswordForm />);
    await submit('Gammelt-passord-1', 'Et-nytt-langt-passord');
    expect(await screen.findByText('Passordet er endret. Du er logget ut på alle andre enheter.')).toBeTruthy();
    expect(screen.queryByLabelText('Nåværende passord')).toBeNull();
  });
});
