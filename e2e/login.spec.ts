import fs from 'node:fs';
import { documentScrollWidth, expect, expectNoAxeViolations, logIn, SCREENSHOT_DIR, test, userWithOneCustomer } from './fixtures.js';

test.beforeAll(() => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

test.describe('log-in page', () => {
  test('looks as the user guide describes', async ({ page }) => {
    await page.goto('/logg-inn');
    await expect(page).toHaveTitle('Logg inn – Min side');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logg inn med brukernavn og passord');
    await expect(page.getByText('Vennligst fyll ut brukernavn (e-post) og passord.')).toBeVisible();

    const email = page.getByLabel('Brukernavn (e-post)');
    await expect(email).toHaveAttribute('type', 'email');
    await expect(email).toHaveAttribute('autocomplete', 'username');
    const password = page.getByLabel('Passord', { exact: true });
    await expect(password).toHaveAttribute('type', 'password');
    await expect(password).toHaveAttribute('autocomplete', 'current-password');
    await expect(page.getByRole('link', { name: 'Glemt passord?' })).toHaveAttribute('href', '/glemt-passord');
    await expect(page.getByRole('checkbox', { name: 'Husk meg' })).not.toBeChecked();
    await expect(page.getByRole('button', { name: 'Logg inn' })).toBeVisible();

    await expect(page.getByRole('heading', { name: 'Ny bruker?' })).toBeVisible();
    await expect(
      page.getByText(
        'For å logge inn trenger du en bruker. Dersom du ikke har registrert en bruker tidligere må du gjøre dette før du kan logge inn.',
      ),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Registrer bruker' })).toHaveAttribute('href', '/registrer');

    // Customer service, from GET /api/company.
    const company = await (await page.request.get('/api/company')).json();
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: company.phone })).toHaveAttribute('href', `tel:${company.phone.replace(/[^\d+]/g, '')}`);
    await expect(main.getByRole('link', { name: company.email })).toHaveAttribute('href', `mailto:${company.email}`);
    await expect(page.getByRole('banner')).toContainText(company.name);

    await page.screenshot({ path: `${SCREENSHOT_DIR}/login-desktop-1280.png`, fullPage: true });
    await expectNoAxeViolations(page);
  });

  test('on a 360 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/logg-inn');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('Org.nr.');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/login-phone-360.png`, fullPage: true });
  });

  test('asks for the missing fields before anything is sent', async ({ page }) => {
    await page.goto('/logg-inn');
    let loginRequests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/login')) loginRequests += 1;
    });
    await page.getByRole('button', { name: 'Logg inn' }).click();

    const email = page.getByLabel('Brukernavn (e-post)');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/Fyll ut brukernavn \(e-post\)\./);
    await expect(page.getByLabel('Passord', { exact: true })).toHaveAccessibleDescription(/Fyll ut passord\./);
    await expect(email).toBeFocused();
    expect(loginRequests).toBe(0);
    await expectNoAxeViolations(page);
  });

  test('wrong password gives the generic message', async ({ page }) => {
    const user = userWithOneCustomer();
    await page.goto('/logg-inn');
    await page.getByLabel('Brukernavn (e-post)').fill(user.email);
    await page.getByLabel('Passord', { exact: true }).fill(`${user.password}-feil`);
    await page.getByRole('button', { name: 'Logg inn' }).click();

    const alert = page.locator('.ds-alert', { hasText: 'Innloggingen mislyktes' });
    await expect(alert).toContainText('Feil brukernavn (e-post) eller passord.');
    await expect(alert).toBeFocused();
    await expect(page).toHaveURL(/\/logg-inn$/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/login-error-desktop-1280.png`, fullPage: true });
    await expectNoAxeViolations(page);

    // An unknown e-mail gets exactly the same message: the page never tells which part was wrong.
    await page.getByLabel('Brukernavn (e-post)').fill('finnes.ikke@example.no');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(alert).toContainText('Feil brukernavn (e-post) eller passord.');
  });

  test('the skip link is the first stop and leads to the main content', async ({ page }) => {
    await page.goto('/logg-inn');
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Hopp til hovedinnhold' });
    await expect(skipLink).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Brukernavn (e-post)')).toBeFocused();
  });

  test('the language can be switched to English and is remembered', async ({ page }) => {
    await page.goto('/logg-inn');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in with username and password');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle('Log in – My page');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in with username and password');
    await page.getByRole('button', { name: 'Norsk' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logg inn med brukernavn og passord');
  });

  test('after log-in the user lands on the page they asked for', async ({ page }) => {
    await page.goto('/faktura/okonomioversikt');
    await expect(page).toHaveURL(/\/logg-inn\?neste=%2Ffaktura%2Fokonomioversikt$/);
    await expect(page.getByText('Du må logge inn for å se denne siden.')).toBeVisible();
    const user = userWithOneCustomer();
    await page.getByLabel('Brukernavn (e-post)').fill(user.email);
    await page.getByLabel('Passord', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/faktura\/okonomioversikt$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Økonomioversikt', exact: true })).toBeVisible();
    await expect(page.getByText('Vi ber om at økonomioversikt brukes med varsomhet.')).toBeVisible();
  });

  test('a logged-in user who opens the log-in page goes to the start page', async ({ page }) => {
    await logIn(page, userWithOneCustomer());
    await page.goto('/logg-inn');
    await expect(page).toHaveURL(/\/$/);
  });
});

test.describe('other public pages', () => {
  test('an unknown address shows the 404 page', async ({ page }) => {
    await page.goto('/finnes-ikke');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vi fant ikke siden');
    await expect(page).toHaveTitle('Fant ikke siden – Min side');
  });
});
