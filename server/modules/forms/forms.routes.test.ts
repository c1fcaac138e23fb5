import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromEpochDay, osloLocal, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { updateSubmissionStatus } from './forms.service.js';

/**
 * «Skjemaer» through HTTP: the definitions, each form's validation, the flyttemelding's final reading registered as a
 * reading (and refused like one), receipts and reference numbers, the confirmation and the customer-service message
 * in the outbox, idempotent retries, «Mine innsendte skjemaer» with status, the customer boundary and 401.
 */
let t: TestContext;
let cookie: string;
let strangerCookie: string;
let userEmail: string;
let customerId: number;
const ids = { movePoint: 0, moveMeter: 0, lowPoint: 0, lowMeter: 0, autoPoint: 0, autoMeter: 0, contract: 0, strangerPoint: 0, strangerMeter: 0, strangerContract: 0 };
const today = fromEpochDay(osloLocal(Date.now()).epochDay);
const daysFromToday = (n: number) => fromEpochDay(toEpochDay(today) + n);
const origin = 'http://localhost:3000';
const newAddress = { street: 'Nyveien 3', postalCode: '0150', city: 'Oslo' };

let pointSequence = 0;
async function point(forCustomer: number, method: 'manual' | 'automatic', options: { contract?: boolean; lastKwh?: string } = {}) {
  const n = ++pointSequence;
  const p = await t.db
    .insertInto('delivery_points')
    .values({ customer_id: forCustomer, point_number: `9100${String(n).padStart(4, '0')}`, street: `Skjemaveien ${n}`, postal_code: '2000', city: 'Lillestrøm', valid_from: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = await t.db
    .insertInto('meters')
    .values({ delivery_point_id: p.id, meter_number: `SKJ-M${n}`, installed_on: '2017-06-01', reading_method: method, start_reading_kwh: options.lastKwh ?? '0' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.lastKwh) {
    // the last reading ten days ago at noon
    await t.db
      .insertInto('meter_readings')
      .values({ meter_id: meter.id, read_at: new Date(osloToUtc(toEpochDay(today) - 10, 12)), energy_kwh: options.lastKwh, source: 'customer' })
      .execute();
    await sql`select consumption_refresh(${meter.id}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(t.db);
  }
  let contractId = 0;
  if (options.contract) {
    contractId = (
      await t.db
        .insertInto('contracts')
        .values({ customer_id: forCustomer, delivery_point_id: p.id, product: 'private', start_date: '2017-06-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  return { pointId: p.id, meterId: meter.id, contractId };
}

async function login(user: { email: string; password: string }) {
  return sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
}

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  const customer = await createCustomer(t.db);
  customerId = customer.id;
  await t.db.updateTable('customers').set({ invoice_delivery: 'efaktura' }).where('id', '=', customer.id).execute();
  const stranger = await createCustomer(t.db);

  const move = await point(customer.id, 'manual', { contract: true, lastKwh: '23456.789' });
  ids.movePoint = move.pointId;
  ids.moveMeter = move.meterId;
  ids.contract = move.contractId;
  const low = await point(customer.id, 'manual', { lastKwh: '50000.000' });
  ids.lowPoint = low.pointId;
  ids.lowMeter = low.meterId;
  const auto = await point(customer.id, 'automatic', { contract: true });
  ids.autoPoint = auto.pointId;
  ids.autoMeter = auto.meterId;
  const theirs = await point(stranger.id, 'manual', { contract: true, lastKwh: '1000.000' });
  ids.strangerPoint = theirs.pointId;
  ids.strangerMeter = theirs.meterId;
  ids.strangerContract = theirs.contractId;

  const user = await createUser(t.db, { customers: [{ id: customer.id }] });
  userEmail = user.email;
  cookie = await login(user);
  strangerCookie = await login(await createUser(t.db, { customers: [{ id: stranger.id }] }));
});
afterAll(() => t.close());

const get = (url: string, as = cookie) => t.app.inject({ url, headers: { cookie: as } });
const send = (formId: string, payload: Record<string, unknown>, as = cookie) =>
  t.app.inject({ method: 'POST', url: `/api/forms/${formId}/submissions`, headers: { cookie: as, origin }, payload });
const count = async (table: 'form_submissions' | 'meter_readings' | 'outbox_messages' | 'contract_changes') =>
  (await t.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;

interface FieldBody {
  name: string;
  kind: string;
  required: boolean;
  constraints: Record<string, unknown>;
  options?: Array<{ value: string }>;
  meters?: Array<{ id: number; acceptsReadings: boolean; deliveryPointId: number }>;
}

describe('GET /api/forms', () => {
  it('serves every form with its fields, the customer\'s own options and meters, and today\'s date limits', async () => {
    const response = await get('/api/forms');
    expect(response.statusCode).toBe(200);
    const forms = response.json().forms as Array<{ id: string; title: { nb: string; en: string }; fields: FieldBody[] }>;
    expect(forms.map((f) => f.id)).toEqual(['flyttemelding', 'oppsigelse', 'fakturaadresse', 'fakturametode', 'melding']);
    const moving = forms[0]!;
    expect(moving.title).toEqual({ nb: 'Flyttemelding', en: 'Moving out' });
    const field = (name: string) => moving.fields.find((f) => f.name === name)!;
    expect(field('deliveryPointId').options!.map((o) => Number(o.value)).sort()).toEqual([ids.movePoint, ids.lowPoint, ids.autoPoint].sort());
    expect(field('movingDate')).toMatchObject({ kind: 'date', required: true, constraints: { min: daysFromToday(-90), max: daysFromToday(365) } });
    expect(field('newAddress').kind).toBe('address');
    const meters = field('finalReadings').meters!;
    expect(meters.map((m) => m.id).sort()).toEqual([ids.moveMeter, ids.lowMeter, ids.autoMeter].sort());
    expect(meters.find((m) => m.id === ids.autoMeter)!.acceptsReadings).toBe(false);
    expect(meters.find((m) => m.id === ids.moveMeter)).toMatchObject({ acceptsReadings: true, deliveryPointId: ids.movePoint, latestReading: { energyKwh: '23456.789' } });
    const termination = forms[1]!.fields.find((f) => f.name === 'contractId')!;
    expect(termination.options!.map((o) => Number(o.value)).sort()).toEqual([ids.contract, (await t.db.selectFrom('contracts').select('id').where('delivery_point_id', '=', ids.autoPoint).executeTakeFirstOrThrow()).id].sort());
    const method = forms[3]!;
    expect(method.fields.find((f) => f.name === 'method')!.options!.map((o) => o.value)).toEqual(['email', 'efaktura', 'avtalegiro', 'paper']);
    expect(method.fields.find((f) => f.name === 'accountNumber')).toMatchObject({ when: { field: 'method', in: ['avtalegiro'] }, constraints: { format: 'accountNumber' } });

    const one = await get('/api/forms/melding');
    expect(one.statusCode).toBe(200);
    expect(one.json().fields.map((f: FieldBody) => f.name)).toEqual(['subject', 'message']);
    expect((await get('/api/forms/finnes-ikke')).statusCode).toBe(404);
    expect((await get('/api/forms/IKKE_GYLDIG')).statusCode).toBe(400);
  });

  it('is in the OpenAPI document with its schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    for (const path of ['/api/forms', '/api/forms/submissions', '/api/forms/submissions/{reference}', '/api/forms/{formId}', '/api/forms/{formId}/submissions', '/api/subscription']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['FormDefinition', 'FormField', 'FormReceipt', 'FormSubmissionSummary', 'Subscription', 'ContractChange']));
  });

  it('needs a session', async () => {
    for (const url of ['/api/forms', '/api/forms/melding', '/api/forms/submissions', '/api/forms/submissions/SKJ-2026-000001']) {
      expect((await t.app.inject({ url })).statusCode).toBe(401);
    }
    const response = await t.app.inject({ method: 'POST', url: '/api/forms/melding/submissions', headers: { origin }, payload: { submissionId: randomUUID(), values: { subject: 'Hei', message: 'Hei hei' } } });
    expect(response.statusCode).toBe(401);
  });
});

describe('POST /api/forms/flyttemelding/submissions', () => {
  it('registers the final reading as a reading, gives a receipt with a reference, and sends the confirmation and the message to customer service', async () => {
    const outboxBefore = await count('outbox_messages');
    const submissionId = randomUUID();
    const response = await send('flyttemelding', {
      submissionId,
      values: { deliveryPointId: String(ids.movePoint), movingDate: today, newAddress, finalReadings: [{ meterId: ids.moveMeter, energyKwh: '23756,789' }], phone: '912 34 567' },
    });
    expect(response.statusCode).toBe(201);
    const { receipt, status } = response.json();
    expect(status).toBe('mottatt');
    expect(receipt.reference).toMatch(new RegExp(`^SKJ-${today.slice(0, 4)}-\\d{6}$`));
    expect(receipt).toMatchObject({ formId: 'flyttemelding', title: { nb: 'Flyttemelding' }, confirmationSentTo: userEmail });
    expect(receipt.readings).toEqual([
      expect.objectContaining({ meterId: ids.moveMeter, readOn: today, energyKwh: '23756.789', consumptionKwh: '300.000', reference: `AVL-SKJ-M1-${today.replaceAll('-', '')}` }),
    ]);
    expect(receipt.summary.map((line: { field: string }) => line.field)).toEqual(['deliveryPointId', 'movingDate', 'newAddress', 'finalReadings', 'phone']);
    expect(receipt.summary.find((line: { field: string }) => line.field === 'newAddress').value.nb).toBe('Nyveien 3, 0150 Oslo');
    expect(receipt.summary.find((line: { field: string }) => line.field === 'phone').value.nb).toBe('+47 912 34 567');

    // the reading is a real customer reading, counted in the rollups
    const reading = await t.db.selectFrom('meter_readings').selectAll().where('meter_id', '=', ids.moveMeter).orderBy('read_at', 'desc').executeTakeFirstOrThrow();
    expect(reading).toMatchObject({ energy_kwh: '23756.789', source: 'customer' });
    expect((await get(`/api/meters/${ids.moveMeter}/readings`)).json().readings[0]).toMatchObject({ energyKwh: '23756.789', source: 'customer' });
    const counted = await t.db.selectFrom('consumption_daily').select(sql<number>`sum(energy_wh)::bigint`.as('wh')).where('meter_id', '=', ids.moveMeter).executeTakeFirstOrThrow();
    expect(Number(counted.wh)).toBe(300_000);

    // stored for customer service
    const row = await t.db.selectFrom('form_submissions').selectAll().where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ customer_id: customerId, form_id: 'flyttemelding', status: 'mottatt', submission_id: submissionId });
    expect(row.form_values).toEqual({
      deliveryPointId: String(ids.movePoint),
      movingDate: today,
      newAddress,
      finalReadings: [{ meterId: ids.moveMeter, energyKwh: '23756.789' }],
      phone: '+4791234567',
    });

    // the confirmation to the user and the submission to customer service
    const messages = await t.db.selectFrom('outbox_messages').selectAll().orderBy('id').offset(outboxBefore).execute();
    expect(messages.map((m) => [m.template, m.recipient])).toEqual([
      ['form_receipt', userEmail],
      ['form_customer_service', 'kundeservice@testvarme.example.no'],
    ]);
    expect(messages[0]!.subject).toContain(receipt.reference);
    expect(messages[0]!.body_text).toContain('Nyveien 3, 0150 Oslo');
    expect(messages[0]!.body_text).toContain('23 756,789 kWh');
    expect(messages[0]!.body_text).toContain(new URL('/min-profil/skjemaer', t.config.publicUrl).toString());
    expect(messages[1]!.subject).toContain('Flyttemelding');
    expect(messages[1]!.body_text).toContain(receipt.reference);
    expect(messages[1]!.body_text).toContain(userEmail);

    // the request in the contract's history, and the audit log
    const change = await t.db.selectFrom('contract_changes').selectAll().where('form_submission_id', '=', row.id).executeTakeFirstOrThrow();
    expect(change).toMatchObject({ contract_id: ids.contract, what: 'termination', new_value: today, status: 'requested' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).where('customer_id', '=', customerId).where('action', '=', 'form.submitted').execute();
    expect(audit.map((a) => a.details)).toContainEqual({ formId: 'flyttemelding', reference: receipt.reference, readings: 1 });

    // a retry answers with the same receipt and stores nothing more; the same id with other values is a conflict
    const counts = await Promise.all([count('form_submissions'), count('meter_readings'), count('outbox_messages'), count('contract_changes')]);
    const retry = await send('flyttemelding', {
      submissionId,
      values: { newAddress, movingDate: today, deliveryPointId: ids.movePoint, finalReadings: [{ meterId: ids.moveMeter, energyKwh: '23756.789' }], phone: '+4791234567' },
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().receipt).toEqual(receipt);
    const other = await send('flyttemelding', { submissionId, values: { deliveryPointId: String(ids.movePoint), movingDate: today, newAddress, finalReadings: [{ meterId: ids.moveMeter, energyKwh: '23800' }] } });
    expect(other.statusCode).toBe(409);
    expect((await send('melding', { submissionId, values: { subject: 'Hei', message: 'Hei hei' } })).statusCode).toBe(409);
    expect((await send('melding', { submissionId, values: { subject: 'Hei', message: 'Hei hei' } }, strangerCookie)).statusCode).toBe(409);
    expect(await Promise.all([count('form_submissions'), count('meter_readings'), count('outbox_messages'), count('contract_changes')])).toEqual(counts);
  });

  it('refuses a final reading lower than the previous reading, as the reading rules do, and stores nothing', async () => {
    const counts = await Promise.all([count('form_submissions'), count('meter_readings'), count('outbox_messages'), count('contract_changes')]);
    const response = await send('flyttemelding', {
      submissionId: randomUUID(),
      values: { deliveryPointId: String(ids.lowPoint), movingDate: today, newAddress, finalReadings: [{ meterId: ids.lowMeter, energyKwh: '49999' }] },
    });
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.code).toBe('invalid_reading');
    expect(error.message).toMatch(/lavere enn forrige avlesning/);
    expect(error.details).toMatchObject({ reason: 'lower_than_previous', meterId: ids.lowMeter, rules: { [`finalReadings.${ids.lowMeter}`]: 'lower_than_previous' } });
    expect(error.details.fields[`finalReadings.${ids.lowMeter}`]).toMatch(/SKJ-M2/);
    expect(await Promise.all([count('form_submissions'), count('meter_readings'), count('outbox_messages'), count('contract_changes')])).toEqual(counts);
  });

  it('asks to confirm an implausible final reading, and takes it confirmed with the same submission id', async () => {
    const submissionId = randomUUID();
    const values = { deliveryPointId: String(ids.lowPoint), movingDate: today, newAddress, finalReadings: [{ meterId: ids.lowMeter, energyKwh: '90000' }] };
    const first = await send('flyttemelding', { submissionId, values });
    expect(first.statusCode).toBe(422);
    expect(first.json().error).toMatchObject({ code: 'reading_needs_confirmation', details: { direction: 'high', fields: { [`finalReadings.${ids.lowMeter}`]: expect.any(String) } } });
    const confirmed = await send('flyttemelding', { submissionId, values, confirmUnusual: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().receipt.readings[0]).toMatchObject({ energyKwh: '90000.000', consumptionKwh: '40000.000' });
  });

  it('checks the reading rules of the form: every manual meter, no remote-read meter, nobody else\'s, none before the moving day', async () => {
    const base = { deliveryPointId: String(ids.movePoint), movingDate: today, newAddress };
    const rules = async (values: Record<string, unknown>, as = cookie) => {
      const response = await send('flyttemelding', { submissionId: randomUUID(), values }, as);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
      return response.json().error.details.rules;
    };
    expect(await rules(base)).toEqual({ [`finalReadings.${ids.moveMeter}`]: 'missing_reading' });
    expect(await rules({ ...base, deliveryPointId: String(ids.autoPoint), finalReadings: [{ meterId: ids.autoMeter, energyKwh: '1' }] })).toEqual({ [`finalReadings.${ids.autoMeter}`]: 'meter_automatic' });
    expect(await rules({ ...base, finalReadings: [{ meterId: ids.strangerMeter, energyKwh: '2000' }] })).toEqual({ [`finalReadings.${ids.strangerMeter}`]: 'unknown_meter' });
    expect(await rules({ ...base, deliveryPointId: String(ids.strangerPoint) })).toEqual({ deliveryPointId: 'invalid_option' });
    expect(await rules({ ...base, movingDate: daysFromToday(14), finalReadings: [{ meterId: ids.moveMeter, energyKwh: '30000' }] })).toEqual({ [`finalReadings.${ids.moveMeter}`]: 'reading_before_moving_day' });
    expect(await rules({ ...base, movingDate: daysFromToday(400) })).toEqual({ movingDate: 'too_late' });
    expect(await rules({ ...base, newAddress: { ...newAddress, postalCode: '15' }, finalReadings: [{ meterId: ids.moveMeter, energyKwh: '30000' }] })).toEqual({ 'newAddress.postalCode': 'invalid_postal_code' });
    expect(await rules({ deliveryPointId: String(ids.movePoint) })).toEqual({ movingDate: 'required', newAddress: 'required' });
  });

  it('takes a moving date ahead without a reading, and says what to do on the day', async () => {
    const response = await send('flyttemelding', { submissionId: randomUUID(), values: { deliveryPointId: String(ids.autoPoint), movingDate: daysFromToday(20), newAddress } });
    expect(response.statusCode).toBe(201);
    const { receipt } = response.json();
    expect(receipt.readings).toEqual([]);
    expect(receipt.notes.map((n: { nb: string }) => n.nb).join(' ')).toMatch(/fjernavleses og leses av automatisk/);
  });
});

describe('the other forms', () => {
  it('oppsigelse: the customer\'s own contract, a date ahead; recorded as requested in the history', async () => {
    const bad = await send('oppsigelse', { submissionId: randomUUID(), values: { contractId: String(ids.strangerContract), lastDay: daysFromToday(-1), reason: 'tyveri' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.rules).toEqual({ contractId: 'invalid_option', lastDay: 'too_early', reason: 'invalid_option' });
    const good = await send('oppsigelse', { submissionId: randomUUID(), values: { contractId: String(ids.contract), lastDay: daysFromToday(30), reason: 'annen_oppvarming', comment: 'Varmepumpe' } });
    expect(good.statusCode).toBe(201);
    const history = (await get('/api/subscription')).json().history as Array<{ what: string; status: string; reference: string | null; newValue: string }>;
    expect(history).toContainEqual(expect.objectContaining({ what: 'termination', status: 'requested', reference: good.json().receipt.reference, newValue: daysFromToday(30) }));
  });

  it('fakturaadresse: a new address, not the one in the register', async () => {
    const same = await send('fakturaadresse', { submissionId: randomUUID(), values: { billingAddress: { street: 'Testveien 1', postalCode: '2000', city: 'Lillestrøm' } } });
    expect(same.statusCode).toBe(400);
    expect(same.json().error).toMatchObject({ message: 'Dette er allerede fakturaadressen din.', details: { rules: { billingAddress: 'unchanged' } } });
    const unknown = await send('fakturaadresse', { submissionId: randomUUID(), values: { billingAddress: { street: 'Bogstadveien 50', postalCode: '0366', city: 'Oslo', land: 'Norge' } } });
    expect(unknown.json().error.details.rules).toEqual({ 'billingAddress.land': 'unknown_field' });
    const good = await send('fakturaadresse', { submissionId: randomUUID(), values: { billingAddress: { street: 'c/o Hilde, Bogstadveien 50', postalCode: '0366', city: 'Oslo' } } });
    expect(good.statusCode).toBe(201);
  });

  it('fakturametode: what each method needs; processed by customer service, it changes the register and the history', async () => {
    const rules = async (values: Record<string, unknown>) => (await send('fakturametode', { submissionId: randomUUID(), values })).json().error.details.rules;
    expect(await rules({ method: 'email' })).toEqual({ invoiceEmail: 'required' });
    expect(await rules({ method: 'email', invoiceEmail: 'ikke e-post' })).toEqual({ invoiceEmail: 'invalid_email' });
    expect(await rules({ method: 'avtalegiro', accountNumber: '1234.56.78901' })).toEqual({ accountNumber: 'invalid_account_number' });
    expect(await rules({ method: 'efaktura' })).toEqual({ method: 'unchanged' });
    expect(await rules({ method: 'brevdue' })).toEqual({ method: 'invalid_option' });

    const response = await send('fakturametode', { submissionId: randomUUID(), values: { method: 'avtalegiro', accountNumber: '1234 56 78903', invoiceEmail: 'ignored@example.no' } });
    expect(response.statusCode).toBe(201);
    const { receipt } = response.json();
    expect(receipt.summary).toEqual([
      { field: 'method', label: { nb: 'Fakturametode', en: 'Invoice method' }, value: { nb: 'AvtaleGiro', en: 'AvtaleGiro' } },
      { field: 'accountNumber', label: expect.any(Object), value: { nb: '1234.56.78903', en: '1234.56.78903' } },
    ]);
    expect((await get('/api/subscription')).json().customer.invoiceDelivery).toBe('efaktura');

    await updateSubmissionStatus(t.db, receipt.reference, 'under behandling');
    expect((await get(`/api/forms/submissions/${receipt.reference}`)).json().status).toBe('under behandling');
    expect(await updateSubmissionStatus(t.db, receipt.reference, 'behandlet', { processedBy: 'kundeservice' })).toEqual({ status: 'behandlet', changed: true });
    const after = (await get('/api/subscription')).json();
    expect(after.customer.invoiceDelivery).toBe('avtalegiro');
    expect(after.history).toContainEqual(expect.objectContaining({ what: 'invoice_delivery', oldValue: 'efaktura', newValue: 'avtalegiro', status: 'done', reference: receipt.reference }));
    await expect(updateSubmissionStatus(t.db, receipt.reference, 'mottatt')).rejects.toMatchObject({ code: 'conflict' });
    expect(await updateSubmissionStatus(t.db, receipt.reference, 'behandlet')).toEqual({ status: 'behandlet', changed: false });
  });

  it('melding: subject and message; unknown fields and extra body fields are refused', async () => {
    const good = await send('melding', { submissionId: randomUUID(), values: { subject: 'Spørsmål om faktura', message: 'Hvorfor er fakturaen høyere i januar?\nMvh Kari' }, locale: 'en' });
    expect(good.statusCode).toBe(201);
    const receiptMail = await t.db.selectFrom('outbox_messages').selectAll().where('template', '=', 'form_receipt').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(receiptMail).toMatchObject({ locale: 'en', recipient: userEmail });
    expect(receiptMail.subject).toMatch(/^We have received your form: Message to customer service \(SKJ-/);

    const unknown = await send('melding', { submissionId: randomUUID(), values: { subject: 'Hei du', message: 'Hei hei', cc: 'x@example.no' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'validation_error', message: 'Ukjent felt «cc».', details: { fields: { cc: 'Ukjent felt «cc».' } } });
    const empty = await send('melding', { submissionId: randomUUID(), values: {} });
    expect(empty.json().error.details.fields).toEqual({ subject: 'Fyll ut emne.', message: 'Fyll ut melding.' });
    expect((await send('melding', { submissionId: randomUUID(), values: { subject: 'Hei du', message: 'Hei hei' }, extra: true })).statusCode).toBe(400);
    expect((await send('melding', { submissionId: 'ikke-en-uuid', values: { subject: 'Hei du', message: 'Hei hei' } })).statusCode).toBe(400);
    expect((await send('melding', { submissionId: randomUUID() })).statusCode).toBe(400);
    expect((await send('melding', { submissionId: randomUUID(), values: ['Hei'] })).statusCode).toBe(400);
    expect((await send('finnes-ikke', { submissionId: randomUUID(), values: {} })).statusCode).toBe(404);
  });
});

describe('GET /api/forms/submissions', () => {
  it('lists the customer\'s forms, newest first, with status, and nobody else\'s', async () => {
    const other = await send('melding', { submissionId: randomUUID(), values: { subject: 'Fra naboen', message: 'Ikke din sak' } }, strangerCookie);
    expect(other.statusCode).toBe(201);
    const otherReference = other.json().receipt.reference;

    const response = await get('/api/forms/submissions');
    expect(response.statusCode).toBe(200);
    const list = response.json().submissions as Array<{ reference: string; formId: string; status: string; submittedAt: string; summary: unknown[] }>;
    expect(list.map((s) => s.formId)).toEqual(['melding', 'fakturametode', 'fakturaadresse', 'oppsigelse', 'flyttemelding', 'flyttemelding', 'flyttemelding']);
    expect(list.map((s) => s.submittedAt)).toEqual([...list.map((s) => s.submittedAt)].sort().reverse());
    expect(list.find((s) => s.formId === 'fakturametode')!.status).toBe('behandlet');
    expect(list.filter((s) => s.formId !== 'fakturametode').every((s) => s.status === 'mottatt')).toBe(true);
    expect(list.some((s) => s.reference === otherReference)).toBe(false);
    expect(new Set(list.map((s) => s.reference)).size).toBe(list.length);
    // references count up within the year
    const numbers = list.map((s) => Number(s.reference.slice(9))).reverse();
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    expect((await get('/api/forms/submissions?limit=2')).json().submissions).toHaveLength(2);
    expect((await get('/api/forms/submissions?limit=0')).statusCode).toBe(400);
    expect((await get('/api/forms/submissions?sort=x')).statusCode).toBe(400);
    expect((await get(`/api/forms/submissions/${list[0]!.reference}`)).json()).toMatchObject({ status: 'mottatt', receipt: { reference: list[0]!.reference } });
    expect((await get(`/api/forms/submissions/${otherReference}`)).statusCode).toBe(404);
    expect((await get(`/api/forms/submissions/${list[0]!.reference}`, strangerCookie)).statusCode).toBe(404);
    expect((await get('/api/forms/submissions/SKJ-1')).statusCode).toBe(400);
    expect((await get('/api/forms/submissions', strangerCookie)).json().submissions.map((s: { reference: string }) => s.reference)).toEqual([otherReference]);
  });
});

describe('two identical requests at once', () => {
  it('store one submission: one 201, one 200 with the same receipt', async () => {
    const payload = { submissionId: randomUUID(), values: { subject: 'Dobbeltklikk', message: 'Sendt to ganger' } };
    const before = await count('form_submissions');
    const responses = await Promise.all([send('melding', payload), send('melding', payload)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(responses[0]!.json().receipt).toEqual(responses[1]!.json().receipt);
    expect(await count('form_submissions')).toBe(before + 1);
  });
});

describe('a flood of forms', () => {
  it('is capped at 20 a customer an hour, with Retry-After', async () => {
    const busy = await createCustomer(t.db);
    const user = await createUser(t.db, { customers: [{ id: busy.id }] });
    const busyCookie = await login(user);
    const hash = 'c'.repeat(64);
    await t.db
      .insertInto('form_submissions')
      .values(
        Array.from({ length: 20 }, (_, i) => ({
          reference: `SKJ-1999-${String(i + 1).padStart(6, '0')}`,
          submission_id: randomUUID(),
          request_hash: hash,
          customer_id: busy.id,
          user_id: user.id,
          form_id: 'melding',
          form_values: '{}',
          created_at: new Date(Date.now() - 30 * 60_000 + i * 1000),
        })),
      )
      .execute();
    const response = await send('melding', { submissionId: randomUUID(), values: { subject: 'Nr. 21', message: 'Enda en' } }, busyCookie);
    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('too_many_attempts');
    const retryAfter = Number(response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(25 * 60);
    expect(retryAfter).toBeLessThanOrEqual(30 * 60);
  });
});

describe('customer service processes the forms', () => {
  const referenceOf = async (formId: string, contains = '') => {
    const rows = await t.db.selectFrom('form_submissions').select(['reference', 'form_values']).where('customer_id', '=', customerId).where('form_id', '=', formId).orderBy('id').execute();
    return rows.find((row) => JSON.stringify(row.form_values).includes(contains))!.reference;
  };

  it('flyttemelding «behandlet»: the contract ends after the moving day, the delivery point too, and the postal address is the new one', async () => {
    const reference = await referenceOf('flyttemelding', String(ids.moveMeter));
    await updateSubmissionStatus(t.db, reference, 'behandlet', { processedBy: 'kari.kundeservice' });
    const contract = await t.db.selectFrom('contracts').select('end_date').where('id', '=', ids.contract).executeTakeFirstOrThrow();
    expect(contract.end_date).toBe(daysFromToday(1));
    expect((await t.db.selectFrom('delivery_points').select('valid_to').where('id', '=', ids.movePoint).executeTakeFirstOrThrow()).valid_to).toBe(today);
    const customer = await t.db.selectFrom('customers').select(['postal_street', 'postal_code', 'postal_city']).where('id', '=', customerId).executeTakeFirstOrThrow();
    expect(customer).toEqual({ postal_street: 'Nyveien 3', postal_code: '0150', postal_city: 'Oslo' });
    const row = await t.db.selectFrom('form_submissions').select(['status', 'processed_at', 'processed_by']).where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'behandlet', processed_by: 'kari.kundeservice' });
    expect(row.processed_at).not.toBeNull();

    const subscription = (await get('/api/subscription')).json();
    expect(subscription.contracts.find((c: { id: number }) => c.id === ids.contract)).toMatchObject({ status: 'active', lastDeliveryDay: today });
    expect(subscription.history).toContainEqual(expect.objectContaining({ what: 'termination', status: 'done', reference, newValue: today }));
    // the later oppsigelse of the same contract does not move its end later
    await updateSubmissionStatus(t.db, await referenceOf('oppsigelse'), 'behandlet');
    expect((await t.db.selectFrom('contracts').select('end_date').where('id', '=', ids.contract).executeTakeFirstOrThrow()).end_date).toBe(daysFromToday(1));
    // and the list shows the status
    const list = (await get('/api/forms/submissions')).json().submissions as Array<{ reference: string; status: string; processedAt: string | null }>;
    expect(list.find((s) => s.reference === reference)).toMatchObject({ status: 'behandlet', processedAt: expect.any(String) });
  });

  it('fakturaadresse «behandlet»: the billing address in the register', async () => {
    await updateSubmissionStatus(t.db, await referenceOf('fakturaadresse'), 'behandlet');
    expect((await get('/api/subscription')).json().customer.billingAddress).toEqual({ street: 'c/o Hilde, Bogstadveien 50', postalCode: '0366', city: 'Oslo' });
    await expect(updateSubmissionStatus(t.db, 'SKJ-2000-000001', 'behandlet')).rejects.toMatchObject({ code: 'not_found' });
  });
});
