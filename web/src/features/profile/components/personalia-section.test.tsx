// @vitest-environment jsdom
import '../../../test/jsdom-polyfills';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n';
import { fakeFetch, renderWithProviders } from '../../../test/render';
import type { Profile } from '../api/profile-types';
import { PersonaliaSection } from './personalia-section';

const profile = (partial: Partial<Profile> = {}): Profile => ({
  customer: {
    customerNumber: '100037',
    name: 'Jon Nilsen',
    type: 'private',
    nationalId: '010170*****',
    nationalIdKind: 'fodselsnummer',
    postalAddress: { street: 'Trondheimsveien 310', postalCode: '2020', city: 'Skedsmokorset' },
    billingAddress: null,
    email: 'jon.nilsen@example.no',
    mobile: '+4741827455',
    invoiceDelivery: 'efaktura',
  },
  canEdit: true,
  pending: { email: null, mobile: null },
  ...partial,
});

const pendingMobile = { mobile: '+4791234567', requestedAt: '2026-11-27T13:00:00.000Z', expiresAt: '2026-11-27T13:10:00.000Z', attemptsLeft: 5 };

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

describe('PersonaliaSection', () => {
  it('shows the register with the national id masked and the mobile number grouped', async () => {
    vi.stubGlobal('fetch', fakeFetch({ 'GET /api/profile': () => ({ status: 200, body: profile() }) }));
    renderWithProviders(<PersonaliaSection customerId={1} />);
    expect(await screen.findByText('Jon Nilsen')).toBeTruthy();
    expect(screen.getByText('Samme som postadressen')).toBeTruthy();
    expect(screen.getByText('eFaktura')).toBeTruthy();
    expect(screen.getByText('+47 418 27 455')).toBeTruthy();
    expect(screen.getByText('Fødselsdato 0 1 0 1 7 0, de fem siste sifrene er skjult')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Last ned mine data (JSON)' }).getAttribute('href')).toBe('/api/profile/export');
  });

  it('sends a code to a new mobile number and confirms it, saying how many tries are left after a wrong code', async () => {
    let current = profile();
    const codes: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'GET /api/profile': () => ({ status: 200, body: current }),
        'POST /api/profile/mobile': () => {
          current = profile({ pending: { email: null, mobile: pendingMobile } });
          return { status: 202, body: { status: 'accepted', message: 'Vi har sendt en kode på SMS til +4791234567.', pending: pendingMobile } };
        },
        'POST /api/profile/mobile/confirm': (init) => {
          const { code } = JSON.parse(String(init?.body)) as { code: string };
          codes.push(code);
          if (code !== '654321') {
            current = profile({ pending: { email: null, mobile: { ...pendingMobile, attemptsLeft: 4 } } });
            return { status: 400, body: { error: { code: 'invalid_token', message: 'Koden er feil. Du har 4 forsøk igjen.', details: { attemptsLeft: 4 } } } };
          }
          current = profile({ customer: { ...profile().customer, mobile: '+4791234567' } });
          return { status: 200, body: { status: 'ok', message: 'Mobilnummeret er endret til +4791234567.', mobile: '+4791234567' } };
        },
      }),
    );
    renderWithProviders(<PersonaliaSection customerId={1} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Endre mobilnummer' }));
    const number = screen.getByRole('textbox', { name: 'Nytt mobilnummer' });
    fireEvent.change(number, { target: { value: '22 33 44 55' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send kode på SMS' }));
    await waitFor(() => expect(describedBy(number)).toContain('norske mobilnummer begynner på 4 eller 9'));

    fireEvent.change(number, { target: { value: '912 34 567' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send kode på SMS' }));
    const code = await screen.findByLabelText('Kode fra SMS');
    await waitFor(() => expect(document.activeElement).toBe(code));
    await waitFor(() => expect(describedBy(code)).toContain('Vi har sendt en kode til +47 912 34 567.'));

    fireEvent.change(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bekreft nummeret' }));
    await waitFor(() => expect(describedBy(screen.getByLabelText('Kode fra SMS'))).toContain('Koden er feil. Du har 4 forsøk igjen.'));

    fireEvent.change(screen.getByLabelText('Kode fra SMS'), { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bekreft nummeret' }));
    expect(await screen.findByText('Mobilnummeret er endret til +4791234567.')).toBeTruthy();
    expect(codes).toEqual(['123456', '654321']);
    await waitFor(() => expect(screen.queryByLabelText('Kode fra SMS')).toBeNull());
  });

  it('shows an ordinary user the details but no way to change them', async () => {
    vi.stubGlobal('fetch', fakeFetch({ 'GET /api/profile': () => ({ status: 200, body: profile({ canEdit: false }) }) }));
    renderWithProviders(<PersonaliaSection customerId={1} />);
    expect(await screen.findByText(/Bare administratorer for kunden kan endre e-post og mobilnummer/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Endre e-post' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Endre mobilnummer' })).toBeNull();
  });
});
