import { describe, expect, it } from 'vitest';
import { demoCompany, demoUsers, generateCustomers } from './customers.js';
import { isSyntheticFodselsnummer, isValidBankAccount, isValidOrgNumber } from './norwegian-ids.js';

const customers = generateCustomers(2017);
const byKey = (key: string) => customers.find((c) => c.key === key)!;

describe('the demo customers', () => {
  it('are the same for the same seed and differ for another seed', () => {
    expect(generateCustomers(2017)).toEqual(customers);
    const other = generateCustomers(2018);
    expect(other.map((c) => c.pin)).not.toEqual(customers.map((c) => c.pin));
    expect(other.map((c) => c.nationalId)).not.toEqual(customers.map((c) => c.nationalId));
    expect(other.map((c) => c.deliveryPoints[0]!.model.load.annualKwh)).not.toEqual(customers.map((c) => c.deliveryPoints[0]!.model.load.annualKwh));
  });

  it('are at least 20, of mixed types', () => {
    expect(customers.length).toBeGreaterThanOrEqual(20);
    const count = (type: string) => customers.filter((c) => c.type === type).length;
    expect(count('private')).toBe(14);
    expect(count('housing_cooperative')).toBe(3);
    expect(count('business')).toBeGreaterThanOrEqual(3);
    expect(count('business')).toBeLessThanOrEqual(4);
  });

  it('have unique 6-digit customer numbers in the order they joined', () => {
    const numbers = customers.map((c) => c.customerNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(n).toMatch(/^\d{6}$/);
    const sorted = [...customers].sort((a, b) => a.customerNumber.localeCompare(b.customerNumber));
    const since = sorted.map((c) => c.customerSince);
    expect(since).toEqual([...since].sort());
  });

  it('have valid, clearly fictitious identity numbers', () => {
    for (const c of customers) {
      if (c.type === 'private') expect(isSyntheticFodselsnummer(c.nationalId), `${c.name} ${c.nationalId}`).toBe(true);
      else expect(isValidOrgNumber(c.nationalId), `${c.name} ${c.nationalId}`).toBe(true);
    }
  });

  it('have plausible contact details and addresses around Lillestrøm', () => {
    for (const c of customers) {
      if (c.email !== null) expect(c.email).toMatch(/^[a-z0-9.]+@example\.no$/);
      if (c.mobile !== null) expect(c.mobile).toMatch(/^\+47[49]\d{7}$/);
      for (const p of c.deliveryPoints) {
        expect(p.postalCode).toMatch(/^20\d\d$/);
        expect(['Lillestrøm', 'Strømmen', 'Kjeller', 'Skjetten', 'Skedsmokorset']).toContain(p.city);
        expect(p.pointNumber).toMatch(/^\d{6,18}$/);
      }
      expect(c.pin).toMatch(/^\d{6}$/);
    }
    const withEmail = customers.filter((c) => c.email).length;
    const withMobile = customers.filter((c) => c.mobile).length;
    expect(withEmail).toBeGreaterThan(customers.length / 2);
    expect(withEmail).toBeLessThan(customers.length);
    expect(withMobile).toBeGreaterThan(customers.length / 2);
    expect(withMobile).toBeLessThan(customers.length);
    expect(customers.some((c) => !c.email && !c.mobile)).toBe(true);
    expect(customers.filter((c) => c.billing).length).toBeGreaterThanOrEqual(3);
    expect(new Set(customers.map((c) => c.invoiceDelivery))).toEqual(new Set(['email', 'efaktura', 'avtalegiro', 'paper']));
  });

  it('got their PINs in 2017, or when they joined later', () => {
    for (const c of customers) {
      const year = c.pinIssuedAt.getUTCFullYear();
      if (c.customerSince < '2017-06-01') expect(year).toBe(2017);
      else expect(c.pinIssuedAt.getTime()).toBeLessThanOrEqual(Date.parse(`${c.customerSince}T00:00:00Z`));
    }
  });

  it('include a cooperative with three automatic meters in three buildings', () => {
    const nitelva = byKey('nitelva');
    expect(nitelva.type).toBe('housing_cooperative');
    const meters = nitelva.deliveryPoints.flatMap((p) => p.meters);
    expect(nitelva.deliveryPoints).toHaveLength(3);
    expect(meters).toHaveLength(3);
    for (const m of meters) expect(m).toMatchObject({ readingMethod: 'automatic', hasVolume: true, hasTemperatures: true });
  });

  it('include a meter replaced on 2021-03-15', () => {
    const [old, replacement] = byKey('lars').deliveryPoints[0]!.meters;
    expect(old).toMatchObject({ removedOn: '2021-03-15', readingMethod: 'automatic' });
    expect(replacement).toMatchObject({ installedOn: '2021-03-15', replacesMeterKey: old!.key, startReadingKwh: 12 });
    expect(replacement!.installedAt).toBe(old!.removedAt);
    expect(replacement!.installedAt).toBe(Date.parse('2021-03-15T09:00:00Z'));
  });

  it('include a customer who moved, with the old delivery point ended', () => {
    const [old, current] = byKey('silje').deliveryPoints;
    expect(old!.validTo).toBe('2020-08-31');
    expect(current).toMatchObject({ validFrom: '2020-09-01', validTo: null });
    expect(byKey('silje').postal.street).toBe(current!.street);
  });

  it('mostly have remote-read meters with volume and temperatures', () => {
    const meters = customers.flatMap((c) => c.deliveryPoints.flatMap((p) => p.meters));
    const automatic = meters.filter((m) => m.readingMethod === 'automatic');
    expect(automatic.length).toBeGreaterThanOrEqual(8);
    expect(automatic.length).toBeLessThanOrEqual(14);
    expect(automatic.filter((m) => m.hasVolume && m.hasTemperatures).length).toBeGreaterThan(automatic.length * 0.7);
    expect(new Set(meters.map((m) => m.meterNumber)).size).toBe(meters.length);
    for (const m of meters) expect(m.meterNumber).toMatch(/^66(-\d{7}|\d{5})$/);
  });
});

describe('the demo users', () => {
  const users = demoUsers(customers);

  it('include one user with two customers and one with a manual meter', () => {
    const kari = users.find((u) => u.email === 'kari.nordmann@example.no')!;
    expect(kari.access.map((a) => [a.customerKey, a.role])).toEqual([
      ['kari', 'admin'],
      ['nitelva', 'user'],
    ]);
    expect(byKey('kari').deliveryPoints[0]!.meters[0]!.readingMethod).toBe('automatic');
    expect(byKey('kari').deliveryPoints[0]!.building).toBe('detached');
    const ola = users.find((u) => u.email === 'ola.hansen@example.no')!;
    expect(ola.access.map((a) => a.customerKey)).toEqual(['ola']);
    expect(byKey('ola').deliveryPoints[0]!.meters[0]!.readingMethod).toBe('manual');
  });

  it('have passwords that would pass a sensible password policy', () => {
    for (const user of users) {
      expect(user.password.length).toBeGreaterThanOrEqual(12);
      expect(user.password.toLowerCase()).not.toContain(user.email.split('@')[0]!.toLowerCase());
      for (const access of user.access) expect(user.password).not.toContain(access.customerNumber);
      expect(user.email).toMatch(/@example\.no$/);
      expect(user.emailVerifiedAt.getTime()).toBeGreaterThan(user.createdAt.getTime());
    }
  });

  it('leave the registration customer without a user', () => {
    expect(users.flatMap((u) => u.access.map((a) => a.customerKey))).not.toContain('ingrid');
    expect(byKey('ingrid').email).not.toBeNull();
  });
});

describe('the company', () => {
  it('has the contact details from the customer guide and valid fictitious numbers', () => {
    const company = demoCompany();
    expect(company).toMatchObject({
      name: 'Akershus Energi Varme AS',
      customerServicePhone: '63 82 33 50',
      customerServiceEmail: 'fjernvarme@akershusenergi.no',
      city: 'Lillestrøm',
      systemStartDate: '2017-06-01',
      priceArea: 'NO1',
      weatherStation: 'Lillestrøm',
    });
    expect(company.postalCode).toMatch(/^\d{4}$/);
    expect(isValidOrgNumber(company.orgNumber)).toBe(true);
    expect(isValidBankAccount(company.bankAccount)).toBe(true);
    expect(company.brandColor).toMatch(/^#[0-9a-f]{6}$/);
  });
});
