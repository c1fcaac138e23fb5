import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { formatDateTime, formatKwh } from '../web/src/lib/format.js';
import {
  documentScrollWidth,
  expect,
  expectNoAxeViolations,
  logIn,
  SCREENSHOT_DIR,
  test,
  userWithOneCustomer,
  userWithSeveralCustomers,
} from './fixtures.js';

interface Overview {
  customer: { customerNumber: string; name: string };
  deliveryPoints: Array<{
    pointNumber: string;
    address: { street: string };
    meters: Array<{ meterNumber: string; latestReading: { readAt: string; energyKwh: string } | null }>;
  }>;
}

test.beforeAll(() => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

const customerBar = (page: Page) => page.locator('.customer-bar__customer');
const menuButton = (page: Page) => page.getByRole('button', { name: 'Valg for bruker og kunde' });
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmeny' });

async function expectOverviewShown(page: Page, overview: Overview) {
  const main = page.getByRole('main');
  for (const point of overview.deliveryPoints) {
    await expect(main.getByText(`Anleggsnummer ${point.pointNumber}`)).toBeVisible();
    for (const meter of point.meters) {
      await expect(main.getByRole('heading', { name: `Måler ${meter.meterNumber}` })).toBeVisible();
      if (meter.latestReading) {
        await expect(main.getByText(formatKwh(meter.latestReading.energyKwh)).first()).toBeVisible();
        await expect(main.getByText(formatDateTime(meter.latestReading.readAt)).first()).toBeVisible();
      }
    }
  }
}

test('a user with two customers: grey bar, menu, customer switch and log-out', async ({ page }) => {
  const user = userWithSeveralCustomers();
  const firstOverview = page.waitForResponse((response) => response.url().endsWith('/api/customer/overview') && response.ok());
  await logIn(page, user);
  const overview = (await (await firstOverview).json()) as Overview;

  // The grey bar: "<name> – kundenummer <number>".
  const current = overview.customer;
  expect(user.customerNumbers).toContain(current.customerNumber);
  await expect(customerBar(page)).toHaveText(`${current.name} – kundenummer ${current.customerNumber}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Velkommen, ${current.name}`);
  await expect(page).toHaveTitle('Forside – Min side');
  await expectOverviewShown(page, overview);

  // Every item in the main menu opens its page, marked as the current one.
  for (const [item, title] of [
    ['Min profil', 'Min profil – Min side'],
    ['Måler', 'Avlesning – Måler – Min side'],
    ['Faktura', 'Fakturaoversikt – Faktura – Min side'],
    ['Abonnement', 'Abonnement – Min side'],
  ] as const) {
    await mainMenu(page).getByRole('link', { name: item }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(item);
    await expect(page).toHaveTitle(title);
    await expect(mainMenu(page).getByRole('link', { name: item })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  }

  // Måler: the two sub-choices and the history note.
  await mainMenu(page).getByRole('link', { name: 'Måler' }).click();
  await expect(page.getByText('Vi tok i bruk systemet sommeren 2017. Det ligger derfor ikke noe historikk før dette.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Valg under Måler' }).getByRole('link', { name: 'Forbruk' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Forbruk' })).toBeVisible();
  await expect(page).toHaveURL(/\/maler\/forbruk/);

  // Switch customer in the arrow menu; the data of the other customer is fetched.
  const other = user.customerNumbers.find((number) => number !== current.customerNumber)!;
  await page.getByRole('link', { name: /Min side, til forsiden/ }).click();
  await menuButton(page).click();
  await expect(page.getByRole('heading', { name: 'Bytt kunde' })).toBeVisible();
  const switched = page.waitForResponse((response) => response.url().endsWith('/api/session/customer') && response.ok());
  const nextOverview = page.waitForResponse((response) => response.url().endsWith('/api/customer/overview') && response.ok());
  await page.getByRole('button', { name: new RegExp(`\\(${other}\\)`) }).click();
  await switched;
  const otherOverview = (await (await nextOverview).json()) as Overview;
  expect(otherOverview.customer.customerNumber).toBe(other);
  await expect(customerBar(page)).toHaveText(`${otherOverview.customer.name} – kundenummer ${other}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Velkommen, ${otherOverview.customer.name}`);
  // Focus continues from the page heading, not from the vanished menu item.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expectOverviewShown(page, otherOverview);

  // Open the arrow menu with the keyboard and log out.
  await menuButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Endre passord' })).toHaveAttribute('href', '/endre-passord');
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page).toHaveURL(/\/logg-inn$/);
  await expect(page.getByText('Du er logget ut.')).toBeVisible();

  // The session is gone: a protected page sends the visitor to the log-in page.
  await page.goto('/maler');
  await expect(page).toHaveURL(/\/logg-inn\?neste=%2Fmaler$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logg inn med brukernavn og passord');
  expect((await page.request.get('/api/session')).status()).toBe(401);
});

test('the arrow menu leads to "Endre passord"', async ({ page }) => {
  await logIn(page, userWithOneCustomer());
  await expect(page.getByRole('heading', { name: 'Bytt kunde' })).toHaveCount(0);
  await menuButton(page).click();
  await page.getByRole('link', { name: 'Endre passord' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Endre passord');
  await expect(page).toHaveTitle('Endre passord – Min side');
  for (const label of ['Nåværende passord', 'Nytt passord', 'Bekreft nytt passord']) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('type', 'password');
  }
  await expect(page.getByRole('button', { name: 'Lagre nytt passord' })).toBeVisible();
});

test('Faktura and Min profil open on their parts, as the guide lists them', async ({ page }) => {
  await logIn(page, userWithOneCustomer());
  await page.goto('/faktura');
  await expect(page).toHaveURL(/\/faktura\/oversikt$/);
  await expect(page.getByText('Vi ber om at økonomioversikt brukes med varsomhet.')).toBeVisible();
  await expect(page.getByText('Vi tok i bruk systemet sommeren 2017.')).toBeVisible();
  for (const section of ['Fakturaoversikt', 'Prøveavregning', 'Økonomioversikt']) {
    await page.getByRole('navigation', { name: 'Valg under Faktura' }).getByRole('link', { name: section }).click();
    await expect(page.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
  }
  // the overview shows the customer's real amounts once loaded
  await page.getByRole('navigation', { name: 'Valg under Faktura' }).getByRole('link', { name: 'Fakturaoversikt' }).click();
  await expect(page.getByRole('main')).toContainText(/\d,\d{2}\s?kr/);
  await page.goto('/min-profil');
  for (const box of ['Personalia', 'Brukerkontoer og kunderelasjoner', 'Skjemaer']) {
    await expect(page.getByRole('heading', { level: 2, name: box })).toBeVisible();
  }
});

test.describe('accessibility and small screens', () => {
  test('axe finds no WCAG 2.1 A/AA violations on the logged-in pages', async ({ page }) => {
    await logIn(page, userWithSeveralCustomers());
    await expect(page.locator('.delivery-point').first()).toBeVisible();
    await expectNoAxeViolations(page);
    for (const path of ['/min-profil', '/maler/avlesning', '/faktura/okonomioversikt', '/abonnement', '/endre-passord']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page);
    }
    // With the arrow menu open.
    await page.goto('/');
    await menuButton(page).click();
    await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('the start page at 1280 px', async ({ page }) => {
    await logIn(page, userWithSeveralCustomers());
    await expect(page.locator('.delivery-point').first()).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/start-desktop-1280.png`, fullPage: true });
    await menuButton(page).click();
    await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/start-menu-open-desktop-1280.png` });
  });

  test('no horizontal scrolling at 360 px', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await logIn(page, userWithSeveralCustomers());
    await expect(page.locator('.delivery-point').first()).toBeVisible();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/start-phone-360.png`, fullPage: true });

    for (const path of ['/min-profil', '/maler/avlesning', '/faktura/oversikt', '/abonnement']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await documentScrollWidth(page), path).toBeLessThanOrEqual(360);
    }
    await page.goto('/maler/avlesning');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/meter-phone-360.png`, fullPage: true });
    await page.goto('/');
    await menuButton(page).click();
    await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/start-menu-open-phone-360.png` });
  });
});
