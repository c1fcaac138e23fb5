import fs from 'node:fs';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { generateCustomers } from '../server/demo-data/index.js';
import {
  demo,
  documentScrollWidth,
  expect,
  expectNoAxeViolations,
  logIn,
  SCREENSHOT_DIR,
  test,
  userWithOneCustomer,
} from './fixtures.js';

/*
 * The account screens as a new user meets them: registration with customer number + PIN, the confirmation link,
 * log-in with and without «Husk meg», «Endre passord», «Glemt passord?» and «Glemt Kundenummer/PIN» – with the
 * e-mails and SMS read from the development outbox page, as a newcomer would.
 *
 * Rate limits (per IP and minute): log-in and registration 30, «Glemt passord?», resend and «Glemt
 * Kundenummer/PIN» 10. This file sends about 8 log-ins, 4 registrations, 2 password-reset requests, 1 resend and
 * 2 PIN requests, so together with the other specs it stays well below them.
 *
 * Expects a fresh server (the default; not E2E_REUSE_SERVER): the demo customer's PIN stops working once used, and a
 * customer number/PIN is sent to one recipient at most every 15 minutes.
 */

const SESSION_COOKIE = 'kundeweb-session';
const DAY_SECONDS = 24 * 60 * 60;

/** Unique per run, so the suite also passes against a server that is reused between runs. */
const runId = Date.now().toString(36);

test.beforeAll(() => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
const menuButton = (page: Page) => page.getByRole('button', { name: 'Valg for bruker og kunde' });
const errorSummary = (page: Page) => page.locator('ds-error-summary');
const focusedAlert = (page: Page) => page.locator('.focused-alert');

/** The newest message in the development outbox page that contains all of `texts`. */
async function newestMessage(page: Page, ...texts: string[]): Promise<Locator> {
  if (!page.url().endsWith('/utvikler/utboks')) await page.goto('/utvikler/utboks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Utviklerutboks');
  let messages = page.getByRole('article');
  for (const text of texts) messages = messages.filter({ hasText: text });
  // The page asks the server again every two seconds, so a message queued a moment ago shows up by itself.
  await expect(messages.first()).toBeVisible();
  return messages.first();
}

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE);
  expect(cookie, 'the session cookie').toBeDefined();
  return cookie!;
}

async function fillLogIn(page: Page, email: string, password: string, rememberMe = false) {
  await page.goto('/logg-inn');
  await page.getByLabel('Brukernavn (e-post)').fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  if (rememberMe) await page.getByRole('checkbox', { name: 'Husk meg' }).check();
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

async function logOut(page: Page) {
  await menuButton(page).click();
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByText('Du er logget ut.')).toBeVisible();
}

async function fillRegistration(
  page: Page,
  values: { customerNumber: string; pin: string; email: string; password: string; confirm?: string },
) {
  await page.getByLabel('Kundenummer', { exact: true }).fill(values.customerNumber);
  await page.getByLabel('PIN', { exact: true }).fill(values.pin);
  await page.getByLabel('Brukernavn (e-post)').fill(values.email);
  await page.getByLabel('Passord', { exact: true }).fill(values.password);
  await page.getByLabel('Bekreft passord').fill(values.confirm ?? values.password);
  await page.getByRole('button', { name: 'Registrer' }).click();
}

async function expectRegistered(page: Page) {
  const done = focusedAlert(page);
  await expect(done).toContainText('Takk! Vi har sendt en e-post til adressen du oppga. Følg lenken i den for å fullføre.');
  await expect(done).toBeFocused();
  await expect(page.getByRole('button', { name: 'Registrer' })).toHaveCount(0);
  await expect(done.getByRole('link', { name: 'Logg inn' })).toHaveAttribute('href', '/logg-inn');
}

test('a new user registers with customer number and PIN, confirms the e-mail, logs in and changes the password', async ({
  page,
  context,
}) => {
  // A whole journey with several axe runs and argon2 hashing on the server: more than the default minute.
  test.slow();
  const customer = demo.unregisteredCustomer;
  const email = `ingrid.${runId}@example.no`;
  const password = 'Solrik-kveld-ved-Nitelva-7';
  const newPassword = 'Nytt-og-bedre-passord-9';

  // «Registrer bruker» on the log-in page leads to the registration form, as the guide shows it.
  await page.goto('/logg-inn');
  await page.getByRole('link', { name: 'Registrer bruker' }).click();
  await expect(page).toHaveURL(/\/registrer$/);
  await expect(page).toHaveTitle('Registrer bruker – Min side');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opprett en ny brukerkonto');
  await expect(
    page.getByText(
      'For å kunne logge inn må du ha en brukerkonto. Brukerkontoen består av et brukernavn(e-post) og et passord. Du kan opprette en brukerkonto ved å fylle ut skjemaet under.',
    ),
  ).toBeVisible();
  await expect(page.getByText('Passord må være minimum 8 tegn langt.')).toBeVisible();
  const pin = page.getByLabel('PIN', { exact: true });
  await expect(pin).toHaveAttribute('inputmode', 'numeric');
  await expect(pin).toHaveAttribute('autocomplete', 'off');
  await expect(page.getByRole('link', { name: 'Glemt Kundenummer og/eller PIN?' })).toHaveAttribute('href', '/glemt-kundenummer');
  await expect(page.getByLabel('Brukernavn (e-post)')).toHaveAttribute('type', 'email');
  await expect(page.getByLabel('Brukernavn (e-post)')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByLabel('Passord', { exact: true })).toHaveAttribute('autocomplete', 'new-password');
  await expect(page.getByLabel('Bekreft passord')).toHaveAttribute('autocomplete', 'new-password');
  // The guide's text about a missing customer number or PIN, with customer service from GET /api/company.
  const company = (await (await page.request.get('/api/company')).json()) as { phone: string; email: string };
  await expect(
    page.getByText(/^Har du ikke kundenummer og PIN-kode tilgjengelig, kan du be om å få tilsendt dette på e-post eller SMS\./),
  ).toBeVisible();
  const contact = page.getByText(/^Eller ta kontakt med oss på telefon/);
  await expect(contact).toHaveText(`Eller ta kontakt med oss på telefon ${company.phone} eller e-post ${company.email}.`);
  await expect(contact.getByRole('link', { name: company.email })).toHaveAttribute('href', `mailto:${company.email}`);
  await shot(page, 'register-desktop-1280');
  await expectNoAxeViolations(page);

  // Nothing filled in: every field is listed in the error summary, which takes focus.
  await page.getByRole('button', { name: 'Registrer' }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expect(errorSummary(page).getByRole('link')).toHaveCount(5);
  await expect(page.getByLabel('Kundenummer', { exact: true })).toHaveAccessibleDescription(/Fyll ut kundenummer\./);
  await expectNoAxeViolations(page);
  // A link in the summary leads to its field.
  await errorSummary(page).getByRole('link', { name: 'Fyll ut PIN.' }).click();
  await expect(pin).toBeFocused();

  // A password that is too short, and a confirmation that differs: caught before anything is sent.
  await fillRegistration(page, { customerNumber: customer.customerNumber, pin: customer.pin, email, password: 'kort', confirm: 'kort2' });
  await expect(errorSummary(page)).toBeFocused();
  await expect(page.getByLabel('Passord', { exact: true })).toHaveAccessibleDescription(/Passord må være minimum 8 tegn langt\./);
  await expect(page.getByLabel('Bekreft passord')).toHaveAccessibleDescription(/Passordene er ikke like\./);
  await shot(page, 'register-errors-desktop-1280');

  // A wrong PIN: the server's answer is shown at the PIN field.
  const wrongPin = customer.pin === '000000' ? '111111' : '000000';
  await fillRegistration(page, { customerNumber: customer.customerNumber, pin: wrongPin, email, password });
  await expect(errorSummary(page)).toContainText('Kundenummer og PIN stemmer ikke.');
  await expect(errorSummary(page)).toBeFocused();
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expect(pin).toHaveAccessibleDescription(/Kundenummer og PIN stemmer ikke\./);
  await expectNoAxeViolations(page);

  // The right PIN: the form gives way to the server's answer.
  await fillRegistration(page, { customerNumber: customer.customerNumber, pin: customer.pin, email, password });
  await expectRegistered(page);
  await shot(page, 'register-done-desktop-1280');
  await expectNoAxeViolations(page);

  // Logging in before the e-mail is confirmed: the message and a button for a new link.
  await fillLogIn(page, email, password);
  const notConfirmed = page.locator('.login-form__alert');
  await expect(notConfirmed).toContainText('Du må bekrefte e-postadressen din før du logger inn.');
  await expect(notConfirmed).toBeFocused();
  await notConfirmed.getByRole('button', { name: 'Send ny bekreftelseslenke' }).click();
  const resent = notConfirmed.getByText('Hvis adressen har en bruker som ikke er bekreftet, har vi sendt en ny lenke.');
  await expect(resent).toBeVisible();
  await expect(resent).toBeFocused();
  await shot(page, 'login-not-confirmed-desktop-1280');
  await expectNoAxeViolations(page);

  // The development outbox, linked in the footer, has the confirmation e-mail.
  await page
    .getByRole('contentinfo')
    .getByRole('link', { name: /Utviklerutboks/ })
    .click();
  await expect(page).toHaveURL(/\/utvikler\/utboks$/);
  await expect(page).toHaveTitle('Utviklerutboks – Min side');
  const confirmation = await newestMessage(page, email, 'Bekreft e-postadressen din');
  await expect(confirmation).toContainText('E-post');
  await shot(page, 'dev-outbox-desktop-1280');
  await expectNoAxeViolations(page);

  // Following the link confirms the address – with one request – and takes the token out of the address.
  let verifyRequests = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/auth/verify-email')) verifyRequests += 1;
  });
  const link = confirmation.getByRole('link', { name: /\/bekreft-epost\?token=/ });
  const confirmationUrl = (await link.getAttribute('href'))!;
  expect(new URL(confirmationUrl).origin).toBe(new URL(page.url()).origin);
  await link.click();
  await expect(page.getByText('E-postadressen er bekreftet. Du kan nå logge inn.')).toBeVisible();
  await expect(page).toHaveURL(/\/bekreft-epost$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bekreft e-postadressen');
  expect(verifyRequests).toBe(1);
  await shot(page, 'verify-email-desktop-1280');
  await expectNoAxeViolations(page);

  // The same link a second time has been used.
  await page.goto(confirmationUrl);
  await expect(page.getByText('Lenken er ugyldig, utløpt eller allerede brukt. Be om en ny lenke.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Få en ny lenke' })).toBeVisible();
  await page.getByRole('button', { name: 'Send ny lenke' }).click();
  await expect(page.getByLabel('Brukernavn (e-post)')).toHaveAccessibleDescription(/Fyll ut brukernavn \(e-post\)\./);
  await expect(page.getByLabel('Brukernavn (e-post)')).toBeFocused();
  await shot(page, 'verify-email-used-desktop-1280');
  await expectNoAxeViolations(page);

  // Log in without «Husk meg»: the cookie lasts only as long as the browser session.
  await fillLogIn(page, email, password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Velkommen, ${customer.name}`);
  expect((await sessionCookie(context)).expires).toBe(-1);
  await logOut(page);

  // With «Husk meg»: the cookie is kept for about 30 days.
  await fillLogIn(page, email, password, true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Velkommen, ${customer.name}`);
  const remembered = await sessionCookie(context);
  const inThirtyDays = Date.now() / 1000 + 30 * DAY_SECONDS;
  expect(remembered.expires).toBeGreaterThan(inThirtyDays - DAY_SECONDS);
  expect(remembered.expires).toBeLessThan(inThirtyDays + DAY_SECONDS);

  // «Endre passord» from the arrow menu in the grey bar.
  await menuButton(page).click();
  await page.getByRole('link', { name: 'Endre passord' }).click();
  await expect(page).toHaveURL(/\/endre-passord$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Endre passord');
  await expect(page.getByLabel('Nåværende passord')).toHaveAttribute('autocomplete', 'current-password');
  await expect(page.getByLabel('Nytt passord', { exact: true })).toHaveAttribute('autocomplete', 'new-password');
  await expect(page.getByLabel('Bekreft nytt passord')).toHaveAttribute('autocomplete', 'new-password');
  await expectNoAxeViolations(page);

  // A wrong current password is shown at its field.
  await page.getByLabel('Nåværende passord').fill(`${password}-feil`);
  await page.getByLabel('Nytt passord', { exact: true }).fill(newPassword);
  await page.getByLabel('Bekreft nytt passord').fill(newPassword);
  await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
  await expect(errorSummary(page)).toContainText('Nåværende passord er feil.');
  await expect(errorSummary(page)).toBeFocused();
  await expect(page.getByLabel('Nåværende passord')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Nåværende passord')).toHaveAccessibleDescription(/Nåværende passord er feil\./);
  await shot(page, 'change-password-error-desktop-1280');
  await expectNoAxeViolations(page);

  await page.getByLabel('Nåværende passord').fill(password);
  await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
  const changed = focusedAlert(page);
  await expect(changed).toContainText('Passordet er endret. Du er logget ut på alle andre enheter.');
  await expect(changed).toBeFocused();
  await shot(page, 'change-password-done-desktop-1280');
  await expectNoAxeViolations(page);

  // Out, and in again with the new password.
  await logOut(page);
  await fillLogIn(page, email, newPassword);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Velkommen, ${customer.name}`);
});

test('«Glemt passord?»: a link by e-mail, a new password, and log-in with it', async ({ page }) => {
  // A whole journey with several axe runs and argon2 hashing on the server: more than the default minute.
  test.slow();
  // A demo user the other specs do not log in with, since the password changes here.
  const user = demo.users.find((candidate) => candidate.email === 'anne.kristiansen@example.no')!;
  expect(user, 'a demo user no other spec uses').toBeDefined();
  const newPassword = `Fjernvarme-om-vinteren-${runId}`;

  await page.goto('/logg-inn');
  await page.getByRole('link', { name: 'Glemt passord?' }).click();
  await expect(page).toHaveURL(/\/glemt-passord$/);
  await expect(page).toHaveTitle('Glemt passord – Min side');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glemt passord?');
  await shot(page, 'forgot-password-desktop-1280');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Send lenke' }).click();
  await expect(page.getByLabel('Brukernavn (e-post)')).toBeFocused();
  await expect(page.getByLabel('Brukernavn (e-post)')).toHaveAccessibleDescription(/Fyll ut brukernavn \(e-post\)\./);
  await expectNoAxeViolations(page);

  await page.getByLabel('Brukernavn (e-post)').fill(user.email);
  await page.getByRole('button', { name: 'Send lenke' }).click();
  const sent = focusedAlert(page);
  await expect(sent).toContainText(
    'Hvis e-postadressen er registrert hos oss, får du straks en e-post med en lenke for å velge nytt passord.',
  );
  await expect(sent).toBeFocused();
  await shot(page, 'forgot-password-sent-desktop-1280');
  await expectNoAxeViolations(page);

  // The link from the e-mail.
  const mail = await newestMessage(page, user.email, 'Nytt passord til Min side');
  const link = mail.getByRole('link', { name: /\/nytt-passord\?token=/ });
  const resetUrl = (await link.getAttribute('href'))!;
  await link.click();
  await expect(page).toHaveURL(/\/nytt-passord$/);
  await expect(page).toHaveTitle('Nytt passord – Min side');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Velg nytt passord');
  await expectNoAxeViolations(page);

  // Too short: caught here. A common password: the server says why, at the field.
  const password = page.getByLabel('Nytt passord', { exact: true });
  const confirm = page.getByLabel('Bekreft nytt passord');
  await password.fill('kort');
  await confirm.fill('kort');
  await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
  await expect(password).toHaveAccessibleDescription(/Passord må være minimum 8 tegn langt\./);
  await password.fill('passord1234');
  await confirm.fill('passord1234');
  await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
  await expect(password).toHaveAccessibleDescription(/Dette passordet er blant de mest brukte/);
  await expect(errorSummary(page)).toBeFocused();
  await shot(page, 'reset-password-weak-desktop-1280');
  await expectNoAxeViolations(page);

  await password.fill(newPassword);
  await confirm.fill(newPassword);
  await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
  const saved = focusedAlert(page);
  await expect(saved).toContainText('Passordet er endret, og du er logget ut alle steder. Logg inn med det nye passordet.');
  await expect(saved).toBeFocused();
  await shot(page, 'reset-password-done-desktop-1280');
  await expectNoAxeViolations(page);

  // The link works once: the server says so when the used link is tried again.
  await page.goto(resetUrl);
  await expect(page).toHaveURL(/\/nytt-passord$/);
  await password.fill(`${newPassword}-igjen`);
  await confirm.fill(`${newPassword}-igjen`);
  await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
  await expect(focusedAlert(page)).toBeFocused();
  await expect(page.getByText('Lenken er ugyldig, utløpt eller allerede brukt.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Be om en ny lenke' })).toHaveAttribute('href', '/glemt-passord');
  await expect(page.getByLabel('Nytt passord', { exact: true })).toHaveCount(0);
  await shot(page, 'reset-password-used-desktop-1280');
  await expectNoAxeViolations(page);

  await logIn(page, { email: user.email, password: newPassword });
});

test('«Glemt Kundenummer/PIN» by e-mail and by SMS, then registration with the new PIN', async ({ page }) => {
  // A whole journey with several axe runs and argon2 hashing on the server: more than the default minute.
  test.slow();
  // Customers with only an e-mail or only a mobile number in the register, with no user and not used by other tests.
  const taken = new Set([...demo.users.flatMap((user) => user.customerNumbers), demo.unregisteredCustomer.customerNumber]);
  const free = generateCustomers().filter((customer) => !taken.has(customer.customerNumber));
  const byEmail = free.find((customer) => customer.email && !customer.mobile)!;
  const bySms = free.find((customer) => customer.mobile && !customer.email)!;
  expect(byEmail, 'a demo customer with only an e-mail address').toBeDefined();
  expect(bySms, 'a demo customer with only a mobile number').toBeDefined();

  await page.goto('/registrer');
  await page.getByRole('link', { name: 'Glemt Kundenummer og/eller PIN?' }).click();
  await expect(page).toHaveURL(/\/glemt-kundenummer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glemt Kundenummer/PIN');
  await expect(
    page.getByText(
      'For å opprette en bruker trenger du ditt Kundenummer og PIN. Om du ikke har dette tilgjengelig kan du få tilsendt denne informasjonen på SMS eller e-post ved å fylle ut skjemaet under. E-postadressen og/eller mobilnummeret må være identisk med tilsvarende informasjon i vårt kunderegister.',
    ),
  ).toBeVisible();
  for (const label of ['E-post', 'Mobilnummer', 'Kundenummer (valgfritt)'])
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Send meg informasjonen på e-post' })).toBeChecked();
  await shot(page, 'forgot-customer-number-desktop-1280');
  await expectNoAxeViolations(page);

  // SMS chosen, but no mobile number.
  await page.getByRole('radio', { name: 'Send meg informasjonen på SMS' }).check();
  await page.getByRole('button', { name: 'Send Forespørsel' }).click();
  await expect(errorSummary(page)).toBeFocused();
  await expect(page.getByLabel('Mobilnummer')).toHaveAccessibleDescription(
    /Fyll ut mobilnummer, eller velg å få informasjonen på e-post\./,
  );
  await shot(page, 'forgot-customer-number-error-desktop-1280');
  await expectNoAxeViolations(page);

  // By e-mail.
  await page.getByRole('radio', { name: 'Send meg informasjonen på e-post' }).check();
  await page.getByLabel('E-post', { exact: true }).fill(byEmail.email!);
  await page.getByRole('button', { name: 'Send Forespørsel' }).click();
  const sent = focusedAlert(page);
  await expect(sent).toContainText(
    'Takk! Hvis opplysningene stemmer med kunderegisteret vårt, sender vi kundenummer og ny PIN til deg om kort tid.',
  );
  await expect(sent).toBeFocused();
  await shot(page, 'forgot-customer-number-sent-desktop-1280');
  await expectNoAxeViolations(page);

  const mail = await newestMessage(page, byEmail.email!, `Kundenummer ${byEmail.customerNumber}`);
  const emailPin = new RegExp(`Kundenummer ${byEmail.customerNumber} \\(.*\\): PIN (\\d+)`).exec(
    await mail.locator('pre').innerText(),
  )?.[1];
  expect(emailPin, 'the PIN in the e-mail').toBeDefined();
  // «Registrer deg her: …/registrer» in the e-mail.
  await mail.getByRole('link', { name: /\/registrer$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opprett en ny brukerkonto');
  await fillRegistration(page, {
    customerNumber: byEmail.customerNumber,
    pin: emailPin!,
    email: `epost.${runId}@example.no`,
    password: 'Varme-radiatorer-i-januar',
  });
  await expectRegistered(page);

  // By SMS, with the mobile number written as people do: 8 digits with spaces.
  const local = bySms.mobile!.replace(/^\+47/, '');
  await page.goto('/glemt-kundenummer');
  await page.getByLabel('Mobilnummer').fill(`${local.slice(0, 3)} ${local.slice(3, 5)} ${local.slice(5)}`);
  await page.getByRole('radio', { name: 'Send meg informasjonen på SMS' }).check();
  await page.getByRole('button', { name: 'Send Forespørsel' }).click();
  await expect(focusedAlert(page)).toContainText('Takk! Hvis opplysningene stemmer med kunderegisteret vårt');

  const sms = await newestMessage(page, bySms.mobile!, `Kundenr ${bySms.customerNumber}`);
  await expect(sms).toContainText('SMS');
  const smsPin = new RegExp(`Kundenr ${bySms.customerNumber}: PIN (\\d+)`).exec(await sms.locator('pre').innerText())?.[1];
  expect(smsPin, 'the PIN in the SMS').toBeDefined();
  await page.goto('/registrer');
  await fillRegistration(page, {
    customerNumber: bySms.customerNumber,
    pin: smsPin!,
    email: `sms.${runId}@example.no`,
    password: 'Varme-radiatorer-i-januar',
  });
  await expectRegistered(page);
});

test('the account pages in English', async ({ page }) => {
  await page.goto('/registrer');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create a new user account');
  await expect(page).toHaveTitle('Register user – My page');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(errorSummary(page)).toContainText('To continue, please correct the following:');
  await expect(page.getByLabel('Customer number', { exact: true })).toHaveAccessibleDescription(/Enter your customer number\./);
  await page.goto('/glemt-kundenummer');
  await expect(page.getByRole('radio', { name: 'Send me the information by text message' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('without the development outbox (as in production) there is no link to it', async ({ page }) => {
  await page.route('**/api/dev/outbox', (route) =>
    route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'Fant ikke det du lette etter.' } } }),
  );
  await page.goto('/logg-inn');
  await expect(page.getByRole('contentinfo')).toContainText('Org.nr.');
  await expect(page.getByRole('link', { name: /Utviklerutboks/ })).toHaveCount(0);
  await page.goto('/utvikler/utboks');
  await expect(page.getByText('Utviklerutboksen er slått av på denne serveren.')).toBeVisible();
});

test.describe('every account page on a 360 px phone and at 1280 px', () => {
  const publicPages = [
    ['/registrer', 'register'],
    ['/glemt-passord', 'forgot-password'],
    ['/glemt-kundenummer', 'forgot-customer-number'],
    ['/bekreft-epost', 'verify-email-no-token'],
    ['/nytt-passord', 'reset-password-no-token'],
    ['/utvikler/utboks', 'dev-outbox'],
  ] as const;

  test('no horizontal scrolling and no axe violations at 360 px', async ({ page }) => {
    // A whole journey with several axe runs and argon2 hashing on the server: more than the default minute.
    test.slow();
    await page.setViewportSize({ width: 360, height: 740 });
    for (const [path, name] of publicPages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (path === '/utvikler/utboks')
        await expect(page.getByRole('article').first().or(page.getByText('Ingen meldinger ennå.'))).toBeVisible();
      else await page.waitForLoadState('networkidle');
      expect(await documentScrollWidth(page), path).toBeLessThanOrEqual(360);
      await shot(page, `${name}-phone-360`);
      await expectNoAxeViolations(page);
    }

    // The error states of the longest forms.
    await page.goto('/registrer');
    await page.getByRole('button', { name: 'Registrer' }).click();
    await expect(errorSummary(page)).toBeFocused();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'register-errors-phone-360');

    await logIn(page, userWithOneCustomer());
    await page.goto('/endre-passord');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Endre passord');
    await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
    await expect(errorSummary(page)).toBeFocused();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'change-password-errors-phone-360');
    await expectNoAxeViolations(page);
  });

  test('the pages without a token at 1280 px', async ({ page }) => {
    for (const [path, name] of publicPages.filter(([path]) => path === '/bekreft-epost' || path === '/nytt-passord')) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByText(/Adressen mangler koden fra lenken/)).toBeVisible();
      await shot(page, `${name}-desktop-1280`);
      await expectNoAxeViolations(page);
    }
  });
});
