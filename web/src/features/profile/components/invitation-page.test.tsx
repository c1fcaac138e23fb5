// @vitest-environment jsdom
import '../../../test/jsdom-polyfills';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n';
import { fakeFetch, renderWithProviders } from '../../../test/render';
import type { Session } from '../../session/api/session-types';
import type { InvitationPreview } from '../api/profile-types';
import { InvitationPage } from './invitation-page';

const TOKEN = 'abc123';
const PREVIEW_URL = `GET /api/invitations/preview?token=${TOKEN}`;

const preview = (partial: Partial<InvitationPreview> = {}): InvitationPreview => ({
  email: 'kollega@example.no',
  role: 'user',
  customer: { name: 'Jon Nilsen', customerNumber: '100037' },
  invitedBy: { name: 'Jon Nilsen', email: 'jon@example.no' },
  expiresAt: '2026-12-04T13:05:00.000Z',
  accountExists: false,
  ...partial,
});

const customer = { id: 9, customerNumber: '100037', name: 'Jon Nilsen', type: 'private' as const, role: 'user' as const };
const session = (email: string): Session => ({ user: { id: 7, email, name: null }, customers: [customer], currentCustomer: customer });
const noSession = () => ({ status: 401, body: { error: { code: 'unauthenticated', message: 'Du må logge inn.' } } });

beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('InvitationPage', () => {
  it('tells who invites to which customer, and lets a new person register without a PIN', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        [PREVIEW_URL]: () => ({ status: 200, body: preview() }),
        'GET /api/session': noSession,
        'POST /api/invitations/register': (init) => {
          bodies.push(JSON.parse(String(init?.body)));
          return { status: 201, body: session('kollega@example.no') };
        },
      }),
    );
    const { router } = renderWithProviders(<InvitationPage token={TOKEN} />, { path: '/invitasjon' });
    expect(await screen.findByText('Jon Nilsen har invitert deg til Min side for Jon Nilsen (kundenummer 100037) som bruker.')).toBeTruthy();
    expect(screen.queryByLabelText('PIN')).toBeNull();

    // Too short a password is caught here.
    fireEvent.change(screen.getByLabelText('Passord'), { target: { value: 'kort' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opprett bruker og godta' }));
    expect(await screen.findByRole('link', { name: 'Passord må være minimum 8 tegn langt.' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Passord'), { target: { value: 'Lang-nok-passord' } });
    fireEvent.change(screen.getByLabelText('Bekreft passord'), { target: { value: 'Lang-nok-passord' } });
    fireEvent.click(screen.getByRole('button', { name: 'Opprett bruker og godta' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(bodies[0]).toEqual({ token: TOKEN, password: 'Lang-nok-passord', passwordConfirm: 'Lang-nok-passord', rememberMe: false });
  });

  it('asks for the password of the invited address when it already has a user, then accepts', async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        [PREVIEW_URL]: () => ({ status: 200, body: preview({ accountExists: true }) }),
        'GET /api/session': noSession,
        'POST /api/auth/login': (init) => {
          calls.push(`login ${String(init?.body)}`);
          return { status: 200, body: session('kollega@example.no') };
        },
        'POST /api/invitations/accept': (init) => {
          calls.push(`accept ${String(init?.body)}`);
          return { status: 200, body: session('kollega@example.no') };
        },
      }),
    );
    const { router } = renderWithProviders(<InvitationPage token={TOKEN} />, { path: '/invitasjon' });
    expect(await screen.findByRole('heading', { name: 'Logg inn for å godta' })).toBeTruthy();
    expect((screen.getByLabelText('Brukernavn (e-post)') as HTMLInputElement).value).toBe('kollega@example.no');
    fireEvent.change(screen.getByLabelText('Passord'), { target: { value: 'Mitt-passord-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Logg inn og godta' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(calls).toEqual([
      'login {"email":"kollega@example.no","password":"Mitt-passord-1","rememberMe":false}',
      `accept {"token":"${TOKEN}"}`,
    ]);
  });

  it('offers one button to a user logged in with the invited address, and a way out to anyone else', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch({ [PREVIEW_URL]: () => ({ status: 200, body: preview({ accountExists: true }) }), 'GET /api/session': () => ({ status: 200, body: session('Kollega@Example.no') }) }),
    );
    renderWithProviders(<InvitationPage token={TOKEN} />, { path: '/invitasjon' });
    expect(await screen.findByRole('button', { name: 'Godta invitasjonen' })).toBeTruthy();
    cleanup();

    vi.stubGlobal(
      'fetch',
      fakeFetch({ [PREVIEW_URL]: () => ({ status: 200, body: preview({ accountExists: true }) }), 'GET /api/session': () => ({ status: 200, body: session('annen@example.no') }) }),
    );
    renderWithProviders(<InvitationPage token={TOKEN} />, { path: '/invitasjon' });
    expect(await screen.findByRole('heading', { name: 'Du er logget inn med en annen e-postadresse' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Godta invitasjonen' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Logg ut' })).toBeTruthy();
  });

  it('says why a link cannot be used', async () => {
    await i18n.changeLanguage('en');
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        [PREVIEW_URL]: () => ({ status: 400, body: { error: { code: 'invalid_token', message: 'Invitasjonen er trukket tilbake.', details: { reason: 'withdrawn' } } } }),
        'GET /api/session': noSession,
      }),
    );
    renderWithProviders(<InvitationPage token={TOKEN} />, { path: '/invitasjon' });
    expect(await screen.findByText('The invitation has been withdrawn.')).toBeTruthy();
    expect(screen.getByText('Ask the person who invited you to send a new invitation.')).toBeTruthy();
  });
});
