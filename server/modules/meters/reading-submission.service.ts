import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.repository.js';
import { AppError } from '../../lib/errors.js';
import { fromEpochDay, osloLocal, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import { formatKwh, parseKwh } from './consumption.js';
import { osloToday } from './consumption.service.js';
import { listCustomerMeters, type MeterRow } from './meters.repository.js';
import { acceptsReadings } from './meters.service.js';
import { assessConsumption, fitSignature, type DaySample } from './plausibility.js';

export interface ReadingSubmission {
  submissionId: string;
  readOn: string;
  energyKwh: string;
  confirmUnusual: boolean;
}

export interface Receipt {
  reference: string;
  meterId: number;
  meterNumber: string;
  readOn: string;
  readAt: string;
  energyKwh: string;
  previousReadAt: string | null;
  previousEnergyKwh: string | null;
  consumptionKwh: string | null;
  receivedAt: string;
}

export interface Actor {
  userId: number;
  customerId: number;
  ip: string | null;
}

/** "45123,4", "45 123,4" or "45123.4" → the exact register as '45123.400'; anything else is refused. */
export function normaliseRegister(input: string): string {
  // spaces as thousands separators, as people write numbers (also no-break and narrow no-break spaces)
  const match = /^(\d{1,11})(?:[.,](\d{1,3}))?$/.exec(input.trim().replace(/(\d)[ \u00a0\u202f](?=\d{3}\b)/g, '$1'));
  if (!match) throw new AppError('validation_error', 'Målerstanden må være et tall i kWh med høyst tre desimaler, for eksempel 45123,4.');
  return formatKwh(parseKwh(`${match[1]}.${match[2] ?? '0'}`));
}

const invalid = (reason: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError('invalid_reading', message, {}, { reason, ...details });

const nb = (kwh: string | number) => Number(kwh).toLocaleString('nb-NO', { maximumFractionDigits: 3 });
const nbDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** When a reading for a date is taken to be read: now, for today; otherwise noon that day (Europe/Oslo). */
function instantOf(readOn: string, now: Date): Date {
  return readOn === osloToday(now.getTime()) ? new Date(Math.floor(now.getTime() / 1000) * 1000) : new Date(osloToUtc(toEpochDay(readOn), 12));
}

/** The days an interval covers, with the fraction of each, and the day's mean outdoor temperature. */
async function dayTemperatures(trx: Transaction<Database>, from: Date, to: Date) {
  const first = osloLocal(from.getTime()).epochDay;
  const last = osloLocal(to.getTime() - 1).epochDay;
  const rows = await trx
    .selectFrom('outdoor_temperatures')
    .select(['day', 'mean_temp_c'])
    .where('day', '>=', fromEpochDay(first))
    .where('day', '<=', fromEpochDay(last))
    .execute();
  const temps = new Map(rows.map((row) => [row.day, Number(row.mean_temp_c)]));
  const days: Array<{ meanTempC: number | null; fraction: number }> = [];
  for (let day = first; day <= last; day++) {
    const start = osloToUtc(day);
    const end = osloToUtc(day + 1);
    const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
    if (overlap > 0) days.push({ meanTempC: temps.get(fromEpochDay(day)) ?? null, fraction: overlap / (end - start) });
  }
  return days;
}

/** The meter's (and its predecessors') whole days of the last two years with their temperatures. */
async function recentDays(trx: Transaction<Database>, meterIds: number[], before: Date): Promise<DaySample[]> {
  const beforeDay = fromEpochDay(osloLocal(before.getTime()).epochDay);
  const since = fromEpochDay(toEpochDay(beforeDay) - 730);
  const rows = await trx
    .selectFrom('consumption_daily as c')
    .innerJoin('outdoor_temperatures as t', 't.day', 'c.day')
    .select(['c.energy_wh', 't.mean_temp_c'])
    .where('c.meter_id', 'in', meterIds)
    .where('c.day', '>=', since)
    .where('c.day', '<', beforeDay)
    .where('c.covered_seconds', '>=', 82_800)
    .execute();
  return rows.map((row) => ({ kwh: Number(row.energy_wh) / 1000, meanTempC: Number(row.mean_temp_c) }));
}

async function receiptFor(trx: Kysely<Database>, meter: MeterRow, readAt: Date, receivedAt: Date): Promise<Receipt> {
  const reading = await trx
    .selectFrom('meter_readings')
    .select(['read_at', 'energy_kwh', 'created_at'])
    .where('meter_id', '=', meter.id)
    .where('read_at', '=', readAt)
    .executeTakeFirstOrThrow();
  const previous = await trx
    .selectFrom('meter_readings')
    .select(['read_at', 'energy_kwh'])
    .where('meter_id', '=', meter.id)
    .where('read_at', '<', readAt)
    .orderBy('read_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const readOn = fromEpochDay(osloLocal(readAt.getTime()).epochDay);
  return {
    reference: `AVL-${meter.meterNumber}-${readOn.replaceAll('-', '')}`,
    meterId: meter.id,
    meterNumber: meter.meterNumber,
    readOn,
    readAt: readAt.toISOString(),
    energyKwh: reading.energy_kwh,
    previousReadAt: previous ? new Date(previous.read_at).toISOString() : null,
    previousEnergyKwh: previous?.energy_kwh ?? null,
    consumptionKwh: previous ? formatKwh(parseKwh(reading.energy_kwh) - parseKwh(previous.energy_kwh)) : null,
    receivedAt: new Date(reading.created_at ?? receivedAt).toISOString(),
  };
}

/**
 * «Registrer avlesning»: a customer's reading of a manually read meter. Checked on the server: the date (not in the
 * future, not at or before the last invoiced reading, not before the meter), the register (not below the previous
 * reading, not above a later one) and plausibility (outside the expected band it must be confirmed). A retry with the
 * same submission id, or the same value again for the same date, gets the same receipt. The reading, the rollups and
 * the audit entry are written in one transaction.
 */
export async function submitReading(
  db: Kysely<Database>,
  actor: Actor,
  meterId: number,
  input: ReadingSubmission,
  now = new Date(),
): Promise<{ receipt: Receipt; created: boolean }> {
  const energyKwh = normaliseRegister(input.energyKwh);
  try {
    toEpochDay(input.readOn);
  } catch {
    throw new AppError('validation_error', 'Ugyldig dato.');
  }

  return db.transaction().execute((trx) => submitReadingIn(trx, actor, meterId, input, energyKwh, now));
}

/** submitReading inside the caller's transaction (the prøveavregning rolls it back again). */
export async function submitReadingIn(
  trx: Transaction<Database>,
  actor: Actor,
  meterId: number,
  input: ReadingSubmission,
  energyKwh: string,
  now: Date,
): Promise<{ receipt: Receipt; created: boolean }> {
  const meters = await listCustomerMeters(trx, actor.customerId);
  const meter = meters.find((candidate) => candidate.id === meterId);
  if (!meter) throw new AppError('not_found', 'Fant ikke måleren.');
  // one submission at a time per meter: the checks below see every earlier reading
  await trx.selectFrom('meters').select('id').where('id', '=', meter.id).forUpdate().execute();

  const earlier = await trx
    .selectFrom('meter_readings')
    .select(['meter_id', 'read_at', 'energy_kwh'])
    .where('submission_id', '=', input.submissionId)
    .executeTakeFirst();
  if (earlier) {
    if (earlier.meter_id !== meter.id || earlier.energy_kwh !== energyKwh || fromEpochDay(osloLocal(new Date(earlier.read_at).getTime()).epochDay) !== input.readOn) {
      throw new AppError('conflict', 'Denne innsendingen er allerede brukt til en annen avlesning. Last siden på nytt og prøv igjen.');
    }
    return { receipt: await receiptFor(trx, meter, new Date(earlier.read_at), now), created: false };
  }

  if (!acceptsReadings(meter)) {
    throw meter.removedOn
      ? invalid('meter_removed', 'Denne måleren er tatt ned. Registrer avlesningen på den nye måleren.')
      : invalid('meter_not_manual', 'Denne måleren leses av automatisk, så du trenger ikke sende inn avlesning.');
  }
  const today = osloToday(now.getTime());
  if (input.readOn > today) throw invalid('in_future', 'Datoen kan ikke være fram i tid.', { today });
  if (input.readOn < meter.installedOn) {
    throw invalid('before_meter', `Måleren ble satt opp ${nbDate(meter.installedOn)}. Velg en dato etter det.`, { installedOn: meter.installedOn });
  }
  const readAt = instantOf(input.readOn, now);
  if (meter.billedUntil && readAt.getTime() <= new Date(meter.billedUntil).getTime()) {
    const billedDay = fromEpochDay(osloLocal(new Date(meter.billedUntil).getTime()).epochDay);
    throw invalid('before_billed', `Perioden til og med ${nbDate(billedDay)} er allerede fakturert. Velg en senere dato.`, { billedUntil: new Date(meter.billedUntil).toISOString() });
  }

  // a reading already on that date: the same value is a retry, another value a conflict
  const dayStart = new Date(osloToUtc(toEpochDay(input.readOn)));
  const sameDay = await trx
    .selectFrom('meter_readings')
    .select(['read_at', 'energy_kwh'])
    .where('meter_id', '=', meter.id)
    .where('read_at', '>=', dayStart)
    .where('read_at', '<', new Date(osloToUtc(toEpochDay(input.readOn) + 1)))
    .executeTakeFirst();
  if (sameDay) {
    if (sameDay.energy_kwh === energyKwh) return { receipt: await receiptFor(trx, meter, new Date(sameDay.read_at), now), created: false };
    throw new AppError('conflict', `Det er allerede registrert en avlesning ${nbDate(input.readOn)} (${nb(sameDay.energy_kwh)} kWh). Ta kontakt med kundeservice hvis den er feil.`);
  }

  const previous = await trx
    .selectFrom('meter_readings')
    .select(['read_at', 'energy_kwh'])
    .where('meter_id', '=', meter.id)
    .where('read_at', '<', readAt)
    .orderBy('read_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = await trx
    .selectFrom('meter_readings')
    .select(['read_at', 'energy_kwh'])
    .where('meter_id', '=', meter.id)
    .where('read_at', '>', readAt)
    .orderBy('read_at')
    .limit(1)
    .executeTakeFirst();
  // a new meter without readings starts at its start reading (after a replacement, not the old meter's register)
  const previousKwh = previous?.energy_kwh ?? meter.startReadingKwh;
  const previousAt = previous ? new Date(previous.read_at) : new Date(osloToUtc(toEpochDay(meter.installedOn)));
  if (parseKwh(energyKwh) < parseKwh(previousKwh)) {
    throw invalid(
      'lower_than_previous',
      `Målerstanden kan ikke være lavere enn forrige avlesning: ${nb(previousKwh)} kWh ${nbDate(fromEpochDay(osloLocal(previousAt.getTime()).epochDay))}.`,
      { previousKwh, previousReadAt: previousAt.toISOString() },
    );
  }
  if (next && parseKwh(energyKwh) > parseKwh(next.energy_kwh)) {
    throw invalid('higher_than_next', `Målerstanden kan ikke være høyere enn en senere avlesning: ${nb(next.energy_kwh)} kWh.`, {
      nextKwh: next.energy_kwh,
      nextReadAt: new Date(next.read_at).toISOString(),
    });
  }

  if (!input.confirmUnusual && readAt.getTime() > previousAt.getTime()) {
    const consumption = Number(parseKwh(energyKwh) - parseKwh(previousKwh)) / 1000;
    const chain = meters.filter((m) => m.id === meter.id || m.id === meter.replacesMeterId).map((m) => m.id);
    const customer = await trx.selectFrom('customers').select('type').where('id', '=', actor.customerId).executeTakeFirstOrThrow();
    const assessment = assessConsumption(
      consumption,
      await dayTemperatures(trx, previousAt, readAt),
      fitSignature(await recentDays(trx, chain, previousAt)),
      customer.type,
    );
    if (assessment.verdict !== 'ok') {
      const days = Math.max(1, Math.round(assessment.days));
      throw new AppError(
        'reading_needs_confirmation',
        `Forbruket siden forrige avlesning blir ${nb(consumption.toFixed(1))} kWh på ${days} dager. Vi forventet mellom ${nb(Math.round(assessment.lowKwh))} og ${nb(Math.round(assessment.highKwh))} kWh. Sjekk målerstanden, eller bekreft at den er riktig.`,
        {},
        {
          direction: assessment.verdict,
          consumptionKwh: consumption.toFixed(3),
          expectedKwh: assessment.expectedKwh.toFixed(1),
          lowKwh: assessment.lowKwh.toFixed(1),
          highKwh: assessment.highKwh.toFixed(1),
          days: assessment.days,
          basis: assessment.basis,
        },
      );
    }
  }

  await trx
    .insertInto('meter_readings')
    .values({
      meter_id: meter.id,
      read_at: readAt,
      energy_kwh: energyKwh,
      source: 'customer',
      submitted_by_user_id: actor.userId,
      submission_id: input.submissionId,
    })
    .execute();
  await sql`select consumption_refresh(${meter.id}, ${readAt}::timestamptz, ${readAt}::timestamptz)`.execute(trx);
  await recordAudit(trx, {
    action: 'meter.reading_submitted',
    userId: actor.userId,
    customerId: actor.customerId,
    ip: actor.ip,
    details: { meterId: meter.id, readAt: readAt.toISOString(), energyKwh, confirmedUnusual: input.confirmUnusual },
  });
  return { receipt: await receiptFor(trx, meter, readAt, now), created: true };
}
