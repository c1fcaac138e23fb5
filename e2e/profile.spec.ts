import fs from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { generateCustomers } from '../server/demo-data/index.js';
import { demo, documentScrollWidth, expect, expectNoAxeViolations, SCREENSHOT_DIR, test } from './fixtures.js';

/*
 * Min profil and Abonnement as a new user meets them (issue 6, «Done when»): the user registers, changes the
 * customer's mobile number (code from the SMS) and e-mail address (link from the e-mail), invites a second user who
 * registers without a PIN and sees the customer, removes that user again – whose next request is refused, shown in the
 * second user's own browser – sends a flyttemelding and finds it listed, and reads Abonnement. Every page is checked
 * with axe and photographed on a 360 px phone and at 1280 px.
 *
 * Whom it uses: the demo users (kari, ola, per, lars, anne) are the other journeys' log-ins, and the unregistered
 * customer (Ingrid) is registered by e2e/accounts.spec.ts, which also registers one customer with only an e-mail and
 * one with only a mobile number. This journey changes a customer's contact details, its users and its contract, so it
 * registers a user of its own for a customer no other journey touches: Jon Nilsen (a private customer with a manually
 * read meter, which the flyttemelding's final reading is registered on). Like accounts.spec.ts it needs a fresh server
 * (the default): a customer's PIN works once. Against a reused server (E2E_REUSE_SERVER=true), name another customer
 * no journey uses in E2E_PROFILE_CUSTOMER (Marit Eriksen, Bjørn Haugen, Nora Solberg or Emil Moen).
 */

const runId = Date.now().toString(36);
const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
const errorSummary = (page: Page) => page.locator('ds-error-summary');
const PASSWORD = 'Fjernvarme-i-Skedsmo-2026';
const COLLEAGUE_PASSWORD = 'Kollega-med-varme-hender';
/** Browsers of their own (the second user, a mail program) are set up like the configured one. */
const CONTEXT = { locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 1280, height: 800 } } as const;

/** A customer with no user, used by no other journey, with a manually read meter. */
function freeCustomer() {
  const taken = new Set([...demo.users.flatMap((user) => user.customerNumbers), demo.unregisteredCustomer.customerNumber]);
  const name = process.env.E2E_PROFILE_CUSTOMER ?? 'Jon Nilsen';
  const customer = generateCustomers().find((candidate) => candidate.name === name);
  expect(customer, `the demo customer ${name}`).toBeDefined();
  expect(taken.has(customer!.customerNumber), `${name} is free: no demo user has the customer`).toBe(false);
  return customer!;
}

/** The newest message in the development outbox (its own tab, as a phone or mail program would be) with all of `texts`. */
async function newestMessage(context: BrowserContext, ...texts: string[]): Promise<{ outbox: Page; message: Locator }> {
  const outbox = await context.newPage();
  await outbox.goto('/utvikler/utboks');
  await expect(outbox.getByRole('heading', { level: 1 })).toHaveText('Utviklerutboks');
  let messages = outbox.getByRole('article');
  for (const text of texts) messages = messages.filter({ hasText: text });
  await expect(messages.first()).toBeVisible();
  return { outbox, message: messages.first() };
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto('/logg-inn');
  await page.getByLabel('Brukernavn (e-post)').fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Velkommen/ })).toBeVisible();
}

/** The same page on a 360 px phone and at 1280 px: no sideways scrolling, screenshots of both. */
async function bothSizes(page: Page, name: string, ready: () => Promise<void>) {
  await page.setViewportSize({ width: 360, height: 740 });
  await ready();
  expect(await documentScrollWidth(page), `${name} at 360 px`).toBeLessThanOrEqual(360);
  await shot(page, `${name}-phone-360`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await ready();
  await shot(page, `${name}-desktop-1280`);
}

test.describe.serial('Min profil and Abonnement, as a new user', () => {
  const customer = freeCustomer();
  const email = `ny.bruker.${runId}@example.no`;
  const colleague = `kollega.${runId}@example.no`;
  // A Norwegian mobile number of its own per run: 4 and seven digits.
  const newMobile = `4${String(Date.now()).slice(-7)}`;
  const newMobileShown = `+47 ${newMobile.slice(0, 3)} ${newMobile.slice(3, 5)} ${newMobile.slice(5)}`;
  const newEmail = `ny.kontakt.${runId}@example.no`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser: shared }) => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = shared;
    context = await browser.newContext(CONTEXT);
    page = await context.newPage();
  });

  test.afterAll(async () => {
    await context.close();
  });

  test('a new user registers for the customer and finds the three boxes under Min profil', async () => {
    test.slow();
    await page.goto('/registrer');
    await page.getByLabel('Kundenummer', { exact: true }).fill(customer.customerNumber);
    await page.getByLabel('PIN', { exact: true }).fill(customer.pin);
    await page.getByLabel('Brukernavn (e-post)').fill(email);
    await page.getByLabel('Passord', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Bekreft passord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Registrer' }).click();
    await expect(page.locator('.focused-alert')).toContainText('Vi har sendt en e-post');

    const { outbox, message } = await newestMessage(context, email, 'Bekreft e-postadressen din');
    await message.getByRole('link', { name: /\/bekreft-epost\?token=/ }).click();
    await expect(outbox.getByText('E-postadressen er bekreftet. Du kan nå logge inn.')).toBeVisible();
    await outbox.close();
    await logIn(page, email, PASSWORD);

    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Min profil' }).click();
    await expect(page).toHaveURL(/\/min-profil$/);
    await expect(page).toHaveTitle('Min profil – Min side');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min profil');
    for (const box of ['Personalia', 'Brukerkontoer og kunderelasjoner', 'Skjemaer']) await expect(page.getByRole('link', { name: new RegExp(`^${box}`) })).toBeVisible();
    await expectNoAxeViolations(page);
    await bothSizes(page, 'profile', async () => {
      await expect(page.getByRole('link', { name: /^Skjemaer/ })).toBeVisible();
    });
  });

  test('Personalia: the register, a new mobile number confirmed with the code from the SMS', async () => {
    test.slow();
    await page.goto('/min-profil');
    await page.getByRole('link', { name: /^Personalia/ }).click();
    await expect(page).toHaveURL(/\/min-profil\/personalia$/);
    await expect(page).toHaveTitle('Personalia – Min profil – Min side');
    const register = page.locator('dl.facts').first();
    await expect(register).toContainText(customer.name);
    await expect(register).toContainText(customer.customerNumber);
    await expect(register).toContainText('Privatkunde');
    // The fødselsnummer only by its date of birth.
    await expect(register).toContainText(`${customer.nationalId.slice(0, 6)}*****`);
    await expect(register).not.toContainText(customer.nationalId);
    await expect(page.getByRole('link', { name: 'Last ned mine data (JSON)' })).toHaveAttribute('href', '/api/profile/export');
    await expectNoAxeViolations(page);

    // Nothing typed, then a landline: the messages are at the field and in the summary, which takes focus.
    await page.getByRole('button', { name: 'Endre mobilnummer' }).click();
    const mobile = page.getByRole('textbox', { name: 'Nytt mobilnummer' });
    await expect(mobile).toBeFocused();
    await page.getByRole('button', { name: 'Send kode på SMS' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(mobile).toHaveAccessibleDescription(/Skriv inn det nye mobilnummeret\./);
    await mobile.fill('22 33 44 55');
    await page.getByRole('button', { name: 'Send kode på SMS' }).click();
    await expect(mobile).toHaveAccessibleDescription(/norske mobilnummer begynner på 4 eller 9/);
    await expectNoAxeViolations(page);
    await shot(page, 'personalia-mobile-error-desktop-1280');

    await mobile.fill(`${newMobile.slice(0, 3)} ${newMobile.slice(3, 5)} ${newMobile.slice(5)}`);
    await page.getByRole('button', { name: 'Send kode på SMS' }).click();
    const code = page.getByLabel('Kode fra SMS');
    await expect(code).toBeVisible();
    await expect(page.getByText(`Vi har sendt en kode til ${newMobileShown}.`)).toBeVisible();
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await expectNoAxeViolations(page);
    await bothSizes(page, 'personalia-code', async () => {
      await expect(code).toBeVisible();
    });

    // A wrong code first: it says how many tries are left.
    const { outbox, message } = await newestMessage(context, `+47${newMobile}`, 'Koden for å bekrefte nytt mobilnummer');
    const smsCode = /er (\d{6})\./.exec(await message.innerText())?.[1];
    expect(smsCode, 'the code in the SMS').toBeDefined();
    await outbox.close();
    await code.fill(smsCode === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Bekreft nummeret' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expect(code).toHaveAccessibleDescription(/forsøk igjen|Koden er feil/);

    await code.fill(smsCode!);
    await page.getByRole('button', { name: 'Bekreft nummeret' }).click();
    await expect(page.getByText(`Mobilnummeret er endret til +47${newMobile}.`)).toBeVisible();
    await expect(page.locator('.contact-card').filter({ hasText: 'Mobilnummer' })).toContainText(newMobileShown);
    await expect(code).toHaveCount(0);
  });

  test('Personalia: a new e-mail address confirmed with the link from the e-mail', async () => {
    test.slow();
    await page.goto('/min-profil/personalia');
    await page.getByRole('button', { name: 'Endre e-post' }).click();
    const field = page.getByRole('textbox', { name: 'Ny e-postadresse' });
    await field.fill('ny kontakt@example');
    await page.getByRole('button', { name: 'Send bekreftelseslenke' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(field).toHaveAccessibleDescription(/navn@eksempel\.no/);
    await field.fill(newEmail);
    await page.getByRole('button', { name: 'Send bekreftelseslenke' }).click();
    await expect(page.getByText(`Vi har sendt en lenke til ${newEmail}.`).first()).toBeVisible();
    const pending = page.locator('.pending-change');
    await expect(pending).toContainText('Venter på bekreftelse');
    await expect(pending).toContainText(newEmail);
    await expectNoAxeViolations(page);
    await shot(page, 'personalia-email-pending-desktop-1280');

    // The link in the e-mail to the new address opens the confirmation page, which needs no log-in.
    const { outbox, message } = await newestMessage(context, newEmail, 'Bekreft ny e-postadresse');
    const link = message.getByRole('link', { name: /\/min-profil\/bekreft-epost\?token=/ });
    const url = (await link.getAttribute('href'))!;
    await outbox.close();
    const stranger = await browser.newContext(CONTEXT);
    const mailbox = await stranger.newPage();
    await mailbox.goto(url);
    await expect(mailbox.getByRole('heading', { level: 1 })).toHaveText('Bekreft ny e-postadresse');
    await expect(mailbox.getByText(`E-postadressen er endret til ${newEmail}.`)).toBeVisible();
    await expect(mailbox).toHaveURL(/\/min-profil\/bekreft-epost$/);
    await expectNoAxeViolations(mailbox);
    await bothSizes(mailbox, 'confirm-email-change', async () => {
      await expect(mailbox.getByText(`E-postadressen er endret til ${newEmail}.`)).toBeVisible();
    });
    // Used once: the same link again is refused.
    await mailbox.goto(url);
    await expect(mailbox.getByRole('heading', { level: 2, name: 'E-postadressen ble ikke endret' })).toBeVisible();
    await stranger.close();

    await page.reload();
    await expect(page.locator('.contact-card').filter({ hasText: 'E-post' }).first()).toContainText(newEmail);
    await expect(page.locator('.pending-change')).toHaveCount(0);
    await bothSizes(page, 'personalia', async () => {
      await expect(page.getByRole('heading', { level: 2, name: 'Last ned mine data' })).toBeVisible();
    });

    // «Last ned mine data»: a JSON file with this customer's register as it now is.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Last ned mine data (JSON)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`mine-data-${customer.customerNumber}.json`);
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { format: string; customer: { customerNumber: string; email: string; mobile: string } };
    expect(data.format).toBe('kundeweb.mine-data');
    expect(data.customer).toMatchObject({ customerNumber: customer.customerNumber, email: newEmail, mobile: `+47${newMobile}` });
  });

  test('Brukerkontoer: invites a second user, who registers without a PIN and sees the customer; removing the user ends that access at once', async () => {
    test.slow();
    await page.goto('/min-profil');
    await page.getByRole('link', { name: /^Brukerkontoer og kunderelasjoner/ }).click();
    await expect(page).toHaveURL(/\/min-profil\/brukere$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Brukere med tilgang' })).toBeVisible();
    const me = page.locator('.person').filter({ hasText: email });
    await expect(me).toContainText('Administrator');
    await expect(me).toContainText('registrert med kundenummer og PIN');

    // Invite: a wrong address is caught here; then the invitation goes out.
    const invite = page.getByLabel('E-postadressen til den du vil invitere');
    await invite.fill('kollega@');
    await page.getByRole('button', { name: 'Send invitasjon' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(invite).toHaveAttribute('aria-invalid', 'true');
    await invite.fill(colleague);
    await page.getByRole('radio', { name: /^Bruker/ }).check();
    await page.getByRole('button', { name: 'Send invitasjon' }).click();
    await expect(page.getByText(`Invitasjonen er sendt til ${colleague}.`)).toBeVisible();
    await expect(page.locator('.person').filter({ hasText: colleague })).toContainText('Lenken virker til');
    await expectNoAxeViolations(page);
    await bothSizes(page, 'users-admin', async () => {
      await expect(page.getByRole('heading', { level: 2, name: 'Hvem la til hvem, og når' })).toBeVisible();
      await expect(page.locator('.audit-list__item').first()).toBeVisible();
    });
    await expect(page.locator('.audit-list')).toContainText(`inviterte ${colleague} som bruker`);

    // The second user, in a browser of their own: the link from the e-mail, a password, and in.
    const { outbox, message } = await newestMessage(context, colleague, 'Invitasjon til Min side');
    const invitationUrl = (await message.getByRole('link', { name: /\/invitasjon\?token=/ }).getAttribute('href'))!;
    await outbox.close();
    const other = await browser.newContext(CONTEXT);
    const second = await other.newPage();
    await second.goto(invitationUrl);
    await expect(second.getByRole('heading', { level: 1 })).toHaveText('Invitasjon til Min side');
    await expect(second).toHaveURL(/\/invitasjon$/);
    await expect(second.getByText(`for ${customer.name} (kundenummer ${customer.customerNumber}) som bruker`)).toBeVisible();
    await expect(second.getByRole('heading', { level: 2, name: 'Opprett bruker' })).toBeVisible();
    await expect(second.getByLabel('PIN')).toHaveCount(0);
    await expectNoAxeViolations(second);
    await bothSizes(second, 'invitation', async () => {
      await expect(second.getByRole('button', { name: 'Opprett bruker og godta' })).toBeVisible();
    });
    await second.getByRole('button', { name: 'Opprett bruker og godta' }).click();
    await expect(errorSummary(second)).toBeFocused();
    await second.getByLabel('Navn (valgfritt)').fill('Kari Kollega');
    await second.getByLabel('Passord', { exact: true }).fill(COLLEAGUE_PASSWORD);
    await second.getByLabel('Bekreft passord').fill(COLLEAGUE_PASSWORD);
    await second.getByRole('button', { name: 'Opprett bruker og godta' }).click();
    await expect(second.getByRole('heading', { level: 1 })).toHaveText(`Velkommen, ${customer.name}`);

    // An ordinary user sees who has access, but manages nothing.
    await second.goto('/min-profil/brukere');
    await expect(second.locator('.person').filter({ hasText: colleague })).toContainText('Bruker');
    await expect(second.getByText('Bare administratorer kan legge til eller fjerne brukere.')).toBeVisible();
    await expect(second.getByRole('button', { name: /Fjern tilgang/ })).toHaveCount(0);
    await expect(second.getByRole('button', { name: 'Send invitasjon' })).toHaveCount(0);
    await expect(second.getByRole('heading', { name: 'Hvem la til hvem, og når' })).toHaveCount(0);
    await expectNoAxeViolations(second);
    await bothSizes(second, 'users-ordinary', async () => {
      await expect(second.getByRole('heading', { level: 2, name: 'Dine kunderelasjoner' })).toBeVisible();
    });
    // …and cannot change the contact details either.
    await second.goto('/min-profil/personalia');
    await expect(second.getByText('Bare administratorer for kunden kan endre e-post og mobilnummer.')).toBeVisible();
    await expect(second.getByRole('button', { name: 'Endre e-post' })).toHaveCount(0);

    // The administrator removes the second user.
    await page.reload();
    const colleagueCard = page.locator('.person').filter({ hasText: colleague }).filter({ hasText: 'Sist innlogget' });
    await expect(colleagueCard).toContainText('lagt til av');
    await colleagueCard.getByRole('button', { name: `Fjern tilgang for ${colleague}` }).click();
    await expect(colleagueCard.getByText('Fjerne tilgangen?')).toBeVisible();
    await colleagueCard.getByRole('button', { name: 'Ja, fjern tilgangen' }).click();
    await expect(page.getByText(`Tilgangen til ${colleague} er fjernet.`)).toBeVisible();
    await expect(page.locator('.person').filter({ hasText: colleague }).filter({ hasText: 'Sist innlogget' })).toHaveCount(0);
    await expect(page.locator('.audit-list')).toContainText(`fjernet tilgangen til ${colleague}`);

    // The second user's very next request is refused, and the page says there is no customer any more.
    expect((await second.request.get('/api/subscription')).status()).toBe(403);
    await second.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Abonnement' }).click();
    await expect(second.getByRole('heading', { level: 1 })).toHaveText('Brukeren din er ikke knyttet til en kunde');
    await expectNoAxeViolations(second);
    await shot(second, 'users-removed-second-user-desktop-1280');
    await other.close();
  });

  test('Skjemaer: a flyttemelding with the final reading, listed under «Mine innsendte skjemaer»', async () => {
    test.slow();
    await page.goto('/min-profil');
    await page.getByRole('link', { name: /^Skjemaer/ }).click();
    await expect(page).toHaveURL(/\/min-profil\/skjemaer$/);
    await expect(page.getByText('Du har ikke sendt noen skjemaer ennå.')).toBeVisible();
    for (const title of ['Flyttemelding', 'Oppsigelse av avtale', 'Endring av fakturaadresse', 'Endring av fakturametode', 'Melding til kundeservice'])
      await expect(page.getByRole('link', { name: new RegExp(`^${title}`) })).toBeVisible();
    await expectNoAxeViolations(page);
    await bothSizes(page, 'forms', async () => {
      await expect(page.getByRole('heading', { level: 2, name: 'Mine innsendte skjemaer' })).toBeVisible();
    });

    await page.getByRole('link', { name: /^Flyttemelding/ }).click();
    await expect(page).toHaveURL(/\/min-profil\/skjemaer\/flyttemelding$/);
    await expect(page).toHaveTitle('Flyttemelding – Min profil – Min side');
    // The customer's only delivery point is chosen already; its manually read meter asks for the final reading.
    await expect(page.getByRole('radio').first()).toBeChecked();
    const reading = page.getByLabel(/^Målerstand for måler/);
    await expect(reading).toBeVisible();

    // Sent empty: every required field in the summary, which takes focus; a link leads to its field.
    await page.getByRole('button', { name: 'Send skjema' }).click();
    await expect(errorSummary(page)).toBeFocused();
    await expect(errorSummary(page).getByRole('link', { name: 'Fyll ut flyttedato.' })).toBeVisible();
    await expect(page.getByLabel('Gateadresse')).toHaveAccessibleDescription(/Skriv gateadresse\./);
    await expectNoAxeViolations(page);
    await bothSizes(page, 'form-moving-errors', async () => {
      await expect(errorSummary(page)).toBeVisible();
    });
    await errorSummary(page).getByRole('link', { name: 'Fyll ut flyttedato.' }).click();
    await expect(page.getByLabel('Flyttedato')).toBeFocused();

    // Moving today, with the final reading: the meter's latest reading plus a plausible month's use.
    const forms = (await (await page.request.get('/api/forms')).json()) as {
      forms: Array<{ id: string; fields: Array<{ name: string; meters?: Array<{ acceptsReadings: boolean; latestReading: { energyKwh: string } | null }> }> }>;
    };
    const meter = forms.forms.find((form) => form.id === 'flyttemelding')!.fields.find((f) => f.name === 'finalReadings')!.meters!.find((m) => m.acceptsReadings)!;
    const finalKwh = Math.ceil(Number(meter.latestReading?.energyKwh ?? '0')) + 300;
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
    await page.getByLabel('Flyttedato').fill(today);
    await page.getByLabel('Gateadresse').fill('Storgata 12');
    await page.getByLabel('Postnummer').fill('2000');
    await page.getByLabel('Poststed').fill('Lillestrøm');
    await reading.fill(String(finalKwh));
    await page.getByLabel('Telefonnummer vi kan nå deg på (valgfritt)').fill(newMobile);
    await page.getByRole('button', { name: 'Send skjema' }).click();
    // A reading far from what the meter usually shows is asked about; the customer confirms it.
    const confirmUnusual = page.getByRole('button', { name: 'Målerstanden er riktig – send skjemaet' });
    const receipt = page.getByRole('heading', { level: 2, name: 'Kvittering: Flyttemelding' });
    await expect(confirmUnusual.or(receipt)).toBeVisible();
    if (await confirmUnusual.isVisible()) await confirmUnusual.click();
    await expect(receipt).toBeVisible();
    const receiptBox = page.locator('.form-receipt');
    await expect(receiptBox).toBeFocused();
    const reference = (await receiptBox.locator('dd.facts__number').first().innerText()).trim();
    expect(reference).toMatch(/^SKJ-\d{4}-\d{6,9}$/);
    await expect(receiptBox).toContainText('Registrerte målerstander');
    await expect(receiptBox).toContainText(`Vi har sendt en bekreftelse til ${email}.`);
    await expectNoAxeViolations(page);
    await bothSizes(page, 'form-moving-receipt', async () => {
      await expect(receipt).toBeVisible();
    });

    await page.getByRole('link', { name: 'Se mine innsendte skjemaer' }).click();
    const listed = page.locator('.submission').filter({ hasText: reference });
    await expect(listed).toContainText('Flyttemelding');
    await expect(listed).toContainText('Mottatt');
    await listed.getByText(`Vis hva som ble sendt (${reference})`).click();
    await expect(listed).toContainText('Storgata 12, 2000 Lillestrøm');
    await expectNoAxeViolations(page);
    await shot(page, 'forms-submitted-desktop-1280');
  });

  test('Abonnement: the contract, the prices in force and the history with the requested termination', async () => {
    test.slow();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Abonnement' }).click();
    await expect(page).toHaveURL(/\/abonnement$/);
    await expect(page).toHaveTitle('Abonnement – Min side');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abonnement');
    const contract = page.locator('.contract').first();
    await expect(contract.getByRole('heading', { level: 2 })).toHaveText(/^Avtale for /);
    for (const label of ['Anleggsnummer', 'Produkt', 'Prisliste', 'Startdato', 'Fakturering', 'Fakturametode', 'A-konto', 'Avtalt effekt', 'Målere'])
      await expect(contract.locator('dt', { hasText: new RegExp(`^${label}$`) })).toBeVisible();
    await expect(contract).toContainText('manuell avlesning');
    // Prices: energy in øre/kWh, the yearly parts in kroner, Norwegian style.
    const prices = contract.getByRole('table');
    await expect(prices.getByRole('rowheader', { name: /Energiledd/ })).toBeVisible();
    await expect(prices).toContainText(/\d+,\d{2}\u00a0øre\/kWh/);
    await expect(prices).toContainText(/\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0kr/);
    // The flyttemelding is in the history, as requested.
    const history = page.getByRole('table').filter({ has: page.getByText('Endring', { exact: true }) });
    await expect(history.getByRole('row').filter({ hasText: 'Oppsigelse av avtalen' }).first()).toContainText('Bestilt');
    await expect(history).toContainText(/skjema SKJ-\d{4}-\d+/);
    await expectNoAxeViolations(page);
    await bothSizes(page, 'subscription', async () => {
      await expect(page.getByRole('heading', { level: 2, name: 'Endringshistorikk' })).toBeVisible();
    });

    // The same page in English, and back.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Subscription');
    await expect(contract.getByRole('columnheader', { name: 'Excl. VAT' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'History of changes' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Norsk' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abonnement');
  });
});
