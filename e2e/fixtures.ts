import { AxeBuilder } from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { describeDemoData } from '../server/demo-data/index.js';

/** The demo log-ins, from the same deterministic generator that loads the server's demo data. */
export const demo = describeDemoData();
export type DemoUser = (typeof demo.users)[number];

/** A demo user with access to two or more customers (for the customer switch). */
export function userWithSeveralCustomers(): DemoUser {
  const user = demo.users.find((candidate) => candidate.customerNumbers.length >= 2);
  if (!user) throw new Error('The demo data has no user with several customers');
  return user;
}

export function userWithOneCustomer(): DemoUser {
  const user = demo.users.find((candidate) => candidate.customerNumbers.length === 1);
  if (!user) throw new Error('The demo data has no user with exactly one customer');
  return user;
}

export async function logIn(page: Page, user: Pick<DemoUser, 'email' | 'password'>): Promise<void> {
  await page.goto('/logg-inn');
  await page.getByLabel('Brukernavn (e-post)').fill(user.email);
  await page.getByLabel('Passord', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Velkommen/ })).toBeVisible();
}

/** WCAG 2.1 A and AA, as the brief for the portal requires. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
  expect(summary, `axe found violations on ${page.url()}`).toEqual([]);
}

/** The page's full width; more than the viewport means the user has to scroll sideways. */
export const documentScrollWidth = (page: Page): Promise<number> => page.evaluate<number>('document.documentElement.scrollWidth');

export const SCREENSHOT_DIR = 'test-results/screenshots';

export const test = base;
export { expect };
