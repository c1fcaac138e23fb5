// @vitest-environment jsdom
import '../../../test/jsdom-polyfills';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n';
import { fakeFetch, renderWithProviders } from '../../../test/render';
import type { FormDefinition, FormReceipt } from '../api/form-types';
import { GenericForm } from './generic-form';

const text = (nb: string, en = nb) => ({ nb, en });

/** The flyttemelding much as GET /api/forms sends it (shortened). */
const moving: FormDefinition = {
  id: 'flyttemelding',
  title: text('Flyttemelding', 'Moving out'),
  description: text('Meld fra når du flytter fra et anlegg.', 'Tell us when you move out.'),
  fields: [
    {
      name: 'deliveryPointId',
      kind: 'select',
      required: true,
      label: text('Anlegget du flytter fra', 'The address you are moving from'),
      help: null,
      when: null,
      constraints: {},
      options: [{ value: '5', label: text('Trondheimsveien 310, 2020 Skedsmokorset'), description: text('Anlegg 123', 'Delivery point 123') }],
    },
    { name: 'movingDate', kind: 'date', required: true, label: text('Flyttedato', 'Moving date'), help: null, when: null, constraints: { min: '2026-08-29', max: '2027-11-27' } },
    { name: 'newAddress', kind: 'address', required: true, label: text('Ny postadresse', 'New postal address'), help: null, when: null, constraints: {} },
    {
      name: 'finalReadings',
      kind: 'meter',
      required: false,
      label: text('Sluttavlesning', 'Final meter reading'),
      help: null,
      when: null,
      constraints: {},
      deliveryPointField: 'deliveryPointId',
      meters: [
        {
          id: 9,
          meterNumber: '6612345',
          deliveryPointId: 5,
          readingMethod: 'manual',
          acceptsReadings: true,
          latestReading: { readAt: '2026-10-31T11:00:00.000Z', energyKwh: '45123.400' },
        },
      ],
    },
    { name: 'message', kind: 'textarea', required: false, label: text('Annet vi bør vite (valgfritt)'), help: null, when: null, constraints: { maxLength: 2000 } },
  ],
};

const receipt: FormReceipt = {
  reference: 'SKJ-2026-000042',
  formId: 'flyttemelding',
  title: text('Flyttemelding', 'Moving out'),
  submittedAt: '2026-11-27T13:05:00.000Z',
  summary: [{ field: 'movingDate', label: text('Flyttedato'), value: text('27.11.2026') }],
  readings: [{ reference: 'AVL-6612345-20261127', meterId: 9, meterNumber: '6612345', readOn: '2026-11-27', energyKwh: '46000.000', consumptionKwh: '876.600' }],
  notes: [text('Sluttfakturaen sendes til den nye adressen din.', 'The final invoice is sent to your new address.')],
  confirmationSentTo: 'jon@example.no',
};

const describedBy = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');

function fillValid() {
  fireEvent.change(screen.getByLabelText('Flyttedato'), { target: { value: '2026-11-27' } });
  fireEvent.change(screen.getByLabelText('Gateadresse'), { target: { value: 'Nygata 5' } });
  fireEvent.change(screen.getByLabelText('Postnummer'), { target: { value: '0150' } });
  fireEvent.change(screen.getByLabelText('Poststed'), { target: { value: 'Oslo' } });
  fireEvent.change(screen.getByLabelText('Målerstand for måler 6612345'), { target: { value: '46 000' } });
}

beforeEach(async () => {
  await i18n.changeLanguage('nb');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('GenericForm', () => {
  it('draws every field from the definition', () => {
    renderWithProviders(<GenericForm customerId={1} definition={moving} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Flyttemelding' })).toBeTruthy();
    // One delivery point: a radio that is already chosen, with its description.
    const point = screen.getByRole('radio', { name: /Trondheimsveien 310/ }) as HTMLInputElement;
    expect(point.checked).toBe(true);
    expect((screen.getByLabelText('Flyttedato') as HTMLInputElement).type).toBe('date');
    expect(screen.getByLabelText('Flyttedato').getAttribute('min')).toBe('2026-08-29');
    expect(screen.getByRole('group', { name: 'Ny postadresse' })).toBeTruthy();
    // The meter of the chosen point, with its latest reading as help.
    const meter = screen.getByLabelText('Målerstand for måler 6612345');
    expect(describedBy(meter)).toContain('Siste avlesning: 45\u00a0123,4\u00a0kWh (31.10.2026).');
    expect(screen.getByLabelText('Annet vi bør vite (valgfritt)').tagName).toBe('TEXTAREA');
  });

  it('shows its own messages at the fields and in a summary, without sending', async () => {
    const fetchMock = vi.fn(fakeFetch({}));
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<GenericForm customerId={1} definition={moving} />);
    fireEvent.change(screen.getByLabelText('Postnummer'), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send skjema' }));

    const summary = await screen.findByRole('link', { name: 'Fyll ut flyttedato.' });
    expect(summary.getAttribute('href')).toBe('#form-flyttemelding-movingDate');
    expect(screen.getByRole('link', { name: 'Skriv gateadresse.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Postnummeret må være fire siffer.' })).toBeTruthy();
    expect(describedBy(screen.getByLabelText('Flyttedato'))).toContain('Fyll ut flyttedato.');
    expect(screen.getByLabelText('Poststed').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("maps the server's field errors to the inputs", async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/forms/flyttemelding/submissions': (init) => {
          bodies.push(JSON.parse(String(init?.body)));
          return {
            status: 400,
            body: {
              error: {
                code: 'validation_error',
                message: 'Skjemaet har 2 feil. Rett feltene som er merket.',
                details: {
                  fields: { movingDate: 'Du har hatt anlegget fra 01.02.2010. Flyttedatoen kan ikke være før det.', 'finalReadings.9': 'Skriv inn målerstanden for måler 6612345 på flyttedagen.' },
                  rules: { movingDate: 'before_delivery', 'finalReadings.9': 'missing_reading' },
                },
              },
            },
          };
        },
      }),
    );
    renderWithProviders(<GenericForm customerId={1} definition={moving} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send skjema' }));

    await waitFor(() => expect(describedBy(screen.getByLabelText('Flyttedato'))).toContain('Flyttedatoen kan ikke være før det.'));
    expect(describedBy(screen.getByLabelText('Målerstand for måler 6612345'))).toContain('Skriv inn målerstanden for måler 6612345 på flyttedagen.');
    expect(screen.getByRole('link', { name: /Flyttedatoen kan ikke være før det/ })).toBeTruthy();
    const body = bodies[0] as { submissionId: string; values: Record<string, unknown> };
    expect(body.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.values).toEqual({
      deliveryPointId: '5',
      movingDate: '2026-11-27',
      newAddress: { street: 'Nygata 5', postalCode: '0150', city: 'Oslo' },
      finalReadings: [{ meterId: 9, energyKwh: '46000' }],
    });

    // Changing the field takes its server message away.
    fireEvent.change(screen.getByLabelText('Flyttedato'), { target: { value: '2026-11-26' } });
    expect(describedBy(screen.getByLabelText('Flyttedato'))).not.toContain('Flyttedatoen kan ikke være før det.');
  });

  it('asks to confirm an unusual reading and sends again with the same submission id', async () => {
    const bodies: Array<{ submissionId: string; confirmUnusual?: boolean }> = [];
    vi.stubGlobal(
      'fetch',
      fakeFetch({
        'POST /api/forms/flyttemelding/submissions': (init) => {
          const body = JSON.parse(String(init?.body)) as { submissionId: string; confirmUnusual?: boolean };
          bodies.push(body);
          if (!body.confirmUnusual)
            return {
              status: 422,
              body: { error: { code: 'reading_needs_confirmation', message: 'Måler 6612345: Forbruket er uvanlig høyt.', details: { fields: { 'finalReadings.9': 'Uvanlig' } } } },
            };
          return { status: 201, body: { receipt, status: 'mottatt' } };
        },
      }),
    );
    renderWithProviders(<GenericForm customerId={1} definition={moving} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send skjema' }));
    expect(await screen.findByText('Måler 6612345: Forbruket er uvanlig høyt.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Målerstanden er riktig – send skjemaet' }));

    expect(await screen.findByRole('heading', { name: 'Kvittering: Flyttemelding' })).toBeTruthy();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.confirmUnusual).toBe(true);
    expect(bodies[1]!.submissionId).toBe(bodies[0]!.submissionId);
  });

  it('shows the receipt with the reference number, the registered reading and what happens next', async () => {
    vi.stubGlobal('fetch', fakeFetch({ 'POST /api/forms/flyttemelding/submissions': () => ({ status: 201, body: { receipt, status: 'mottatt' } }) }));
    renderWithProviders(<GenericForm customerId={1} definition={moving} />);
    fillValid();
    fireEvent.click(screen.getByRole('button', { name: 'Send skjema' }));

    const heading = await screen.findByRole('heading', { name: 'Kvittering: Flyttemelding' });
    const alert = heading.closest('.focused-alert') as HTMLElement;
    expect(alert.textContent).toContain('SKJ-2026-000042');
    expect(alert.textContent).toContain('Måler 6612345: 46\u00a0000,0\u00a0kWh per 27.11.2026 (kvittering AVL-6612345-20261127)');
    expect(alert.textContent).toContain('Sluttfakturaen sendes til den nye adressen din.');
    expect(alert.textContent).toContain('Vi har sendt en bekreftelse til jon@example.no.');
    expect(screen.getByRole('link', { name: 'Se mine innsendte skjemaer' }).getAttribute('href')).toBe('/min-profil/skjemaer#innsendte-skjemaer');
    expect(document.activeElement).toBe(alert);
  });

  it('speaks English when the interface does', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<GenericForm customerId={1} definition={moving} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Moving out' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send form' }));
    expect(await screen.findByRole('link', { name: 'Fill in moving date.' })).toBeTruthy();
  });
});
