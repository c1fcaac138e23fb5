import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';

/**
 * No account enumeration: for known and unknown identities the answers are the same in status, body and cookies,
 * and their timing is within noise. Timing is compared on medians of a few hundred interleaved samples.
 */
let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
});
afterAll(() => t.close());

let ipCounter = 0;
const nextIp = () => `10.77.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function timed(request: () => Promise<{ statusCode: number; body: string; cookies: unknown[] }>) {
  const started = process.hrtime.bigint();
  const response = await request();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, response };
}

function expectSameTiming(known: number[], unknown: number[]) {
  const a = median(known);
  const b = median(unknown);
  // Within 25 % of each other: argon2 dominates both paths (~50 ms); a skipped hash would halve one side.
  expect(Math.abs(a - b) / Math.max(a, b), `median known ${a.toFixed(1)} ms vs unknown ${b.toFixed(1)} ms`).toBeLessThan(0.25);
}

describe('no account enumeration', () => {
  it('log-in: same answer and timing for unknown e-mail and wrong password (300 samples)', async () => {
    // Several accounts so that none reaches the per-account failure limit during the run.
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser(t.db)));
    const known: number[] = [];
    const unknown: number[] = [];
    const bodies = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const user = users[i % users.length]!;
      const a = await timed(() => t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextIp(), payload: { email: user.email, password: `feil-${i}-passord`, rememberMe: false } }));
      const b = await timed(() => t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextIp(), payload: { email: `ukjent${i}@example.no`, password: `feil-${i}-passord`, rememberMe: false } }));
      for (const { response } of [a, b]) {
        expect(response.statusCode).toBe(401);
        expect(response.cookies).toEqual([]);
        bodies.add(response.body);
      }
      known.push(a.ms);
      unknown.push(b.ms);
    }
    expect(bodies.size).toBe(1);
    expectSameTiming(known, unknown);
  });

  it('registration: same answer and timing whether or not the e-mail has an account (200 samples)', async () => {
    // A PIN is retired once it has registered a new account, so the new-account side needs a customer per sample.
    const fresh = await Promise.all(Array.from({ length: 100 }, () => createCustomer(t.db)));
    const reused = await createCustomer(t.db);
    // Wrong passwords for existing accounts count against them: spread over several so none is throttled.
    const existing = await Promise.all(Array.from({ length: 5 }, () => createUser(t.db)));
    const known: number[] = [];
    const unknown: number[] = [];
    const bodies = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const password = `et passord nummer ${i}`;
      const a = await timed(() =>
        t.app.inject({
          method: 'POST', url: '/api/auth/register', remoteAddress: nextIp(),
          payload: { customerNumber: reused.customerNumber, pin: reused.pin, password, passwordConfirm: password, email: existing[i % existing.length]!.email },
        }),
      );
      const customer = fresh[i]!;
      const b = await timed(() =>
        t.app.inject({
          method: 'POST', url: '/api/auth/register', remoteAddress: nextIp(),
          payload: { customerNumber: customer.customerNumber, pin: customer.pin, password, passwordConfirm: password, email: `ny.bruker.${i}@example.no` },
        }),
      );
      for (const { response } of [a, b]) {
        expect(response.statusCode).toBe(202);
        expect(response.cookies).toEqual([]);
        bodies.add(response.body);
      }
      known.push(a.ms);
      unknown.push(b.ms);
    }
    expect(bodies.size).toBe(1);
    expectSameTiming(known, unknown);
  });

  it('forgotten password and forgotten customer number/PIN: same answer and timing (400 samples)', async () => {
    const user = await createUser(t.db);
    const customer = await createCustomer(t.db, { email: 'kjent.kunde@example.no' });
    const samples = { resetKnown: [] as number[], resetUnknown: [] as number[], pinKnown: [] as number[], pinUnknown: [] as number[] };
    const bodies = { reset: new Set<string>(), pin: new Set<string>() };
    for (let i = 0; i < 100; i++) {
      for (const [key, email] of [['resetKnown', user.email], ['resetUnknown', `ingen${i}@example.no`]] as const) {
        const r = await timed(() => t.app.inject({ method: 'POST', url: '/api/auth/password-reset', remoteAddress: nextIp(), payload: { email } }));
        expect(r.response.statusCode).toBe(202);
        bodies.reset.add(r.response.body);
        samples[key].push(r.ms);
        // Each sample on its own: the previous request's background work must not slow the next one.
        await t.app.background.drain();
      }
      for (const [key, email] of [['pinKnown', 'kjent.kunde@example.no'], ['pinUnknown', `ingen${i}@example.no`]] as const) {
        const r = await timed(() => t.app.inject({ method: 'POST', url: '/api/auth/forgot-customer-number', remoteAddress: nextIp(), payload: { channel: 'email', email, customerNumber: key === 'pinKnown' ? customer.customerNumber : '' } }));
        expect(r.response.statusCode).toBe(202);
        bodies.pin.add(r.response.body);
        samples[key].push(r.ms);
        await t.app.background.drain();
      }
    }
    await t.app.background.drain();
    expect(bodies.reset.size).toBe(1);
    expect(bodies.pin.size).toBe(1);
    // These answer before any look-up, so both sides take a few milliseconds: within 5 ms or 25 %, whichever is larger
    // (a look-up done before answering would add a database round trip and an argon2 hash of ~20 ms or more).
    for (const [known, unknown] of [[samples.resetKnown, samples.resetUnknown], [samples.pinKnown, samples.pinUnknown]] as const) {
      const [a, b] = [median(known), median(unknown)];
      expect(Math.abs(a - b), `median known ${a.toFixed(1)} ms vs unknown ${b.toFixed(1)} ms`).toBeLessThan(Math.max(5, 0.25 * Math.max(a, b)));
    }
  });
});
