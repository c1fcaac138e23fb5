import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { TestContext } from './app.js';
import { sessionCookieFrom } from './app.js';
import { createCustomer, createUser } from './factories.js';
import { linkIn, tokenFrom } from './smtp.js';

/** The requests, log-ins and set-ups the relations tests (relations.test.ts, invitations.test.ts) share. */
/** Each request from a fresh client IP, so request rate limits and IP throttles don't leak between tests. */
let ipCounter = 10;
const newIp = () => `10.6.${Math.floor(ipCounter / 250) % 250}.${ipCounter++ % 250}`;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** Requests, log-in and set-ups against the test app. */
export function client(t: TestContext) {
  const request = (method: Method, url: string, options: { cookie?: string; payload?: object; headers?: Record<string, string> } = {}) =>
    t.app.inject({
      method,
      url,
      remoteAddress: newIp(),
      headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
    } as InjectOptions);

  async function login(email: string, password: string): Promise<string> {
    const response = await request('POST', '/api/auth/login', { payload: { email, password, rememberMe: false } });
    expect(response.statusCode, response.body).toBe(200);
    return sessionCookieFrom(response);
  }

  /** A customer with an administrator (logged in) and, when asked, ordinary users (logged in). */
  async function customerWithUsers(options: { admins?: number; users?: number } = {}) {
    const customer = await createCustomer(t.db);
    const admins = [];
    for (let i = 0; i < (options.admins ?? 1); i++) {
      const user = await createUser(t.db, { customers: [{ id: customer.id, role: 'admin' }] });
      admins.push({ ...user, cookie: await login(user.email, user.password) });
    }
    const users = [];
    for (let i = 0; i < (options.users ?? 0); i++) {
      const user = await createUser(t.db, { customers: [{ id: customer.id, role: 'user' }] });
      users.push({ ...user, cookie: await login(user.email, user.password) });
    }
    return { customer, admins, admin: admins[0]!, users };
  }

  /** The newest invitation e-mail to an address, read from the development outbox, and its link's token. */
  async function invitationMail(email: string) {
    const outbox = await request('GET', '/api/dev/outbox');
    expect(outbox.statusCode).toBe(200);
    const message = (outbox.json().messages as Array<{ recipient: string; template: string; subject: string; bodyText: string }>).find(
      (candidate) => candidate.recipient === email.toLowerCase() && candidate.template === 'customer_invitation',
    );
    if (!message) throw new Error(`no invitation e-mail to ${email} in the outbox`);
    const link = linkIn(message.bodyText, '/invitasjon');
    return { ...message, link, token: tokenFrom(link) };
  }

  return { request, login, customerWithUsers, invitationMail };
}
