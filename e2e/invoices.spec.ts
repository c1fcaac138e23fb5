import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';
import { demo, documentScrollWidth, expect, expectNoAxeViolations, logIn, SCREENSHOT_DIR, test } from './fixtures.js';

/*
 * Faktura (issue 5) as a new user meets it: Kari's fakturaoversikt with an overdue and a credited invoice, an
 * invoice's page and its PDF (opened with pdftotext: the amount and the KID as on the page), Ola's prøveavregning
 * with a typed reading on his manually read meter (errors by their fields first), and the økonomioversikt with the
 * forecast band, last year and the table. Nothing here changes data another journey relies on: the prøveavregning
 * stores nothing, and its date is days before today (e2e/meters.spec.ts registers Ola's reading for today).
 */

const user = (email: string) => {
  const found = demo.users.find((candidate) => candidate.email === email);
  if (!found) throw new Error(`No demo user ${email}`);
  return found;
};
const kari = () => user('kari.nordmann@example.no'); // customer 100033: an overdue invoice and a credited one
const ola = () => user('ola.hansen@example.no'); // a manually read meter, paid on account (a-konto)

interface InvoiceSummary {
  id: number;
  number: number;
  kind: 'invoice' | 'credit_note';
  status: string;
  totalOre: number;
  kid: string;
  creditsNumber: number | null;
  creditedByNumber: number | null;
  invoiceDate: string;
}
interface InvoiceList {
  year: number;
  years: number[];
  invoices: InvoiceSummary[];
  overdueOre: number;
}

test.beforeAll(() => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });

/** The same page on a 360 px phone: nothing wider than the screen, and a screenshot to look at. */
async function onPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(250);
  expect(await documentScrollWidth(page), `${name} is wider than a phone`).toBeLessThanOrEqual(360);
  await shot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(100);
}

/** Text as a person reads it: any run of spaces (Intl's no-break spaces, pdftotext's columns) as one space. */
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

async function invoices(page: Page, year?: number): Promise<InvoiceList> {
  const answer = await page.request.get(`/api/invoices${year ? `?year=${year}` : ''}`);
  expect(answer.ok()).toBe(true);
  return (await answer.json()) as InvoiceList;
}

/** Designsystemet's ToggleGroup: a radio inside each label; the label is what one clicks. */
async function toggle(page: Page, name: string) {
  await page.locator('label.ds-button', { has: page.getByRole('radio', { name, exact: true }) }).click();
  await expect(page.getByRole('radio', { name, exact: true })).toBeChecked();
}

test('Fakturaoversikt: Kari sees what is overdue, opens an invoice and a credit note, and downloads the PDF', async ({ page }, testInfo) => {
  await logIn(page, kari());
  // Kari starts on her own customer (she administers it); Nitelva, her second, has no overdue invoice.
  await expect(page.getByText('kundenummer 100033')).toBeVisible();
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Faktura' }).click();
  await expect(page).toHaveURL(/\/faktura\/oversikt$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Fakturaoversikt', exact: true })).toBeVisible();

  const list = await invoices(page);
  const overdue = list.invoices.find((invoice) => invoice.status === 'overdue');
  expect(overdue, 'Kari has an overdue invoice this year').toBeDefined();

  // What is open: the overdue amount, said in words and not by colour alone.
  await expect(page.getByRole('heading', { name: 'Du har forfalte fakturaer' })).toBeVisible();
  const open = page.getByRole('definition').filter({ hasText: /kr$/ });
  await expect(open.first()).toBeVisible();
  await expect(page.locator('.invoice-open')).toContainText('Forfalt');

  // The year's invoices, newest first, each with its status as a tag with text, and its KID.
  const table = page.getByRole('table', { name: `Fakturaer og kreditnotaer med fakturadato i ${list.year}, nyeste først` });
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(list.invoices.length);
  for (const column of ['Faktura', 'Fakturadato', 'Periode', 'Forfallsdato', 'Beløp inkl. mva', 'Status', 'KID']) {
    await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  const overdueRow = table.locator('tbody tr', { has: page.getByRole('link', { name: `Faktura ${overdue!.number}`, exact: true }) });
  await expect(overdueRow.locator('.ds-tag')).toHaveText('Forfalt');
  await expect(overdueRow).toContainText(overdue!.kid);
  await expect(page.getByLabel('År', { exact: true })).toHaveValue(String(list.year));
  await expectNoAxeViolations(page);
  await shot(page, 'faktura-oversikt-desktop');

  // The same in English: headings, columns and statuses are translated; amounts and dates stay Norwegian.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Invoice overview', exact: true })).toBeVisible();
  const tableEn = page.getByRole('table', { name: `Invoices and credit notes dated ${list.year}, newest first` });
  await expect(tableEn.getByRole('columnheader', { name: 'Amount incl. VAT', exact: true })).toBeVisible();
  await expect(tableEn.locator('tbody tr', { has: page.getByRole('link', { name: `Invoice ${overdue!.number}`, exact: true }) }).locator('.ds-tag')).toHaveText(
    'Overdue',
  );
  await shot(page, 'faktura-oversikt-en-desktop');
  await page.getByRole('button', { name: 'Norsk' }).click();
  await expect(table).toBeVisible();

  // On a phone the table becomes a list of cards, one invoice each, with the same facts.
  await page.setViewportSize({ width: 360, height: 800 });
  await expect(table).toBeHidden();
  const card = page.locator('.invoice-card', { has: page.getByRole('link', { name: `Faktura ${overdue!.number}`, exact: true }) });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Forfalt');
  await expect(card).toContainText(overdue!.kid);
  await expectNoAxeViolations(page);
  await onPhone(page, 'faktura-oversikt');

  // 2025: the credited January invoice and the credit note that credits it; the year is kept in the address.
  await page.getByLabel('År', { exact: true }).selectOption('2025');
  await expect(page).toHaveURL(/\?ar=2025$/);
  const year2025 = await invoices(page, 2025);
  const credited = year2025.invoices.find((invoice) => invoice.status === 'credited')!;
  const creditNote = year2025.invoices.find((invoice) => invoice.kind === 'credit_note')!;
  expect(creditNote.creditsNumber).toBe(credited.number);
  const table2025 = page.getByRole('table', { name: 'Fakturaer og kreditnotaer med fakturadato i 2025, nyeste først' });
  await expect(table2025).toBeVisible();
  const creditedRow = table2025.locator('tbody tr', { has: page.getByRole('link', { name: `Faktura ${credited.number}`, exact: true }) });
  await expect(creditedRow.locator('.ds-tag')).toHaveText('Kreditert');
  await expect(creditedRow).toContainText(`Kreditert med kreditnota ${creditNote.number}`);
  const creditRow = table2025.locator('tbody tr', { has: page.getByRole('link', { name: `Kreditnota ${creditNote.number}`, exact: true }) });
  await expect(creditRow).toContainText(`Krediterer faktura ${credited.number}`);
  await page.reload();
  await expect(page.getByLabel('År', { exact: true })).toHaveValue('2025');
  await expect(creditRow.locator('td').nth(3)).toContainText(/^[-−]\d[\d\s]*,\d{2}\skr$/); // a credit note's amount is negative
  await shot(page, 'faktura-oversikt-2025-desktop');

  // The credit note's page names the invoice it credits, as a link; that invoice names its credit note.
  await creditRow.getByRole('link', { name: `Kreditnota ${creditNote.number}` }).click();
  await expect(page).toHaveURL(new RegExp(`/faktura/oversikt/${creditNote.id}\\?ar=2025$`));
  await expect(page.getByRole('heading', { level: 2, name: `Kreditnota ${creditNote.number}` })).toBeVisible();
  await expect(page.getByText('Kreditnotaen krediterer')).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'faktura-kreditnota-desktop');
  await page.getByRole('main').getByRole('link', { name: `faktura ${credited.number}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Faktura ${credited.number}` })).toBeVisible();
  await expect(page.getByText('Fakturaen er kreditert med')).toContainText(`kreditnota ${creditNote.number}. Du skal ikke betale den.`);
  await expect(page).toHaveTitle(`Faktura ${credited.number} – Fakturaoversikt – Faktura – Min side`);

  // Back to the list of 2025, then this year's overdue invoice, opened with the keyboard.
  await page.getByRole('link', { name: 'Tilbake til fakturaoversikten' }).click();
  await expect(page).toHaveURL(/\/faktura\/oversikt\?ar=2025$/);
  await page.getByLabel('År', { exact: true }).selectOption(String(list.year));
  const overdueLink = page.getByRole('table').getByRole('link', { name: `Faktura ${overdue!.number}`, exact: true });
  await overdueLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/faktura/oversikt/${overdue!.id}`));
  const heading = page.getByRole('heading', { level: 2, name: `Faktura ${overdue!.number}` });
  await expect(heading).toBeFocused();

  // Every line, the sum, the VAT and the total; how to pay, with the KID; the delivery point and meter.
  await expect(page.locator('.invoice-detail__title .ds-tag')).toHaveText('Forfalt');
  await expect(page.getByText(/^Fakturaen forfalt \d{2}\.\d{2}\.\d{4} og er ikke betalt\.$/)).toBeVisible();
  const lines = page.getByRole('table', { name: `Linjene på Faktura ${overdue!.number}` });
  await expect(lines).toBeVisible();
  expect(await lines.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
  await expect(lines.locator('tbody')).toContainText('Energi');
  await expect(lines.locator('tbody')).toContainText(/kWh/);
  await expect(lines.locator('tbody')).toContainText(/\d,\d{4}\skr/); // a unit price in kroner, four decimals
  await expect(lines.locator('tfoot')).toContainText('Sum eks. mva');
  await expect(lines.locator('tfoot')).toContainText('Merverdiavgift 25 %');
  const totalRow = lines.locator('tfoot tr', { hasText: 'Sum inkl. mva' });
  const shownTotal = plain(await totalRow.locator('td').last().innerText());
  expect(shownTotal).toMatch(/^\d{1,3}( \d{3})*,\d{2} kr$/);
  const facts = page.getByRole('definition');
  await expect(page.locator('.invoice-facts')).toContainText(overdue!.kid);
  await expect(page.locator('.invoice-facts')).toContainText('Solbakken 7');
  await expect(page.locator('.invoice-facts')).toContainText('Målernummer');
  await expect(facts.filter({ hasText: overdue!.kid }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Innbetalinger' })).toBeVisible();
  await expect(page.getByText('Ingen innbetalinger er registrert.')).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'faktura-detalj-desktop');
  await onPhone(page, 'faktura-detalj');

  // «Last ned PDF»: a real download that opens as a PDF with the amount and the KID as the page shows them.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Last ned PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe(`faktura-${overdue!.number}.pdf`);
  const file = testInfo.outputPath(pdf.suggestedFilename());
  await pdf.saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = plain(execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  expect(text).toContain(`Fakturanummer ${overdue!.number}`);
  expect(text).toContain(shownTotal.replace(/ kr$/, ''));
  expect(text).toContain(overdue!.kid);
  expect(path.extname(file)).toBe('.pdf');
});

test('Prøveavregning: Ola types a reading and sees what the settlement would be, with his a-konto', async ({ page }) => {
  await logIn(page, ola());
  await page.goto('/faktura/oversikt');
  await page.getByRole('navigation', { name: 'Valg under Faktura' }).getByRole('link', { name: 'Prøveavregning' }).click();
  await expect(page).toHaveURL(/\/faktura\/proveavregning$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Prøveavregning', exact: true })).toBeVisible();

  const meters = (await (await page.request.get('/api/meters')).json()) as {
    meters: Array<{ id: number; meterNumber: string; billedUntil: string | null; acceptsReadings: boolean }>;
  };
  const meter = meters.meters[0]!;
  expect(meter.acceptsReadings).toBe(true);
  // A day some days back that has no reading, so nothing another journey does (a reading today) meets it.
  const readings = (await (await page.request.get(`/api/meters/${meter.id}/readings?limit=50`)).json()) as {
    readings: Array<{ readAt: string; energyKwh: string }>;
  };
  const osloDay = (instant: string | Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(instant));
  const taken = new Set(readings.readings.map((reading) => osloDay(reading.readAt)));
  let date = '';
  for (let back = 4; back < 20 && !date; back++) {
    const candidate = osloDay(new Date(Date.now() - back * 86_400_000));
    if (!taken.has(candidate)) date = candidate;
  }
  expect(date).not.toBe('');
  const before = readings.readings.find((reading) => osloDay(reading.readAt) < date)!;
  const after = [...readings.readings].reverse().find((reading) => osloDay(reading.readAt) > date);
  const previous = Number(before.energyKwh);
  const room = after ? Number(after.energyKwh) - previous : 10_000;
  const typed = Math.floor(previous + Math.min(800, room / 2));
  const typedText = `${String(typed).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},5`; // "267 400,5"

  const form = page.getByRole('form', { name: 'Lag en prøveavregning' });
  await expect(form).toBeVisible();
  // One meter: named, no drop-down.
  await expect(form.getByRole('combobox')).toHaveCount(0);
  await expect(form).toContainText(`Måler ${meter.meterNumber}`);
  const dateField = form.getByLabel('Til og med dato');
  await expect(dateField).toHaveValue(osloDay(new Date()));
  await expect(form).toContainText(/Avregningen går fra \d{2}\.\d{2}\.\d{4}/);

  // A date in a period already invoiced: the server's message by the date field, with an error summary in focus.
  await dateField.fill('2020-01-15');
  await form.getByRole('button', { name: 'Beregn prøveavregning' }).click();
  const summary = page.locator('ds-error-summary');
  await expect(summary).toContainText(/Perioden før \d{2}\.\d{2}\.\d{4} er allerede fakturert/);
  await expect(form.locator('.ds-validation-message', { hasText: 'allerede fakturert' })).toBeVisible();
  await expect(dateField).toHaveAccessibleDescription(/allerede fakturert/);
  await expect.poll(() => page.evaluate<boolean>("document.activeElement?.closest('ds-error-summary') !== null")).toBe(true);
  await expectNoAxeViolations(page);
  await shot(page, 'faktura-proveavregning-feil-desktop');

  // A typed reading lower than the one before: the message by the reading.
  await dateField.fill(date);
  await form.getByRole('checkbox', { name: 'Skriv inn målerstand' }).check();
  const energy = form.getByLabel('Målerstand (kWh)');
  await energy.fill(String(previous - 100));
  await form.getByRole('button', { name: 'Beregn prøveavregning' }).click();
  await expect(energy).toHaveAccessibleDescription(/Målerstanden kan ikke være lavere enn forrige avlesning/);
  await expect(summary).toContainText('Målerstanden kan ikke være lavere enn forrige avlesning');

  // The reading as one reads it off the meter: spaces and a decimal comma.
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/invoices/trial-settlement')) posts.push(request);
  });
  await energy.fill(typedText);
  await form.getByRole('button', { name: 'Beregn prøveavregning' }).click();
  const result = page.locator('.trial-result');
  await expect(result.getByRole('heading', { level: 3, name: /^Prøveavregning \d{2}\.\d{2}\.\d{4}–\d{2}\.\d{2}\.\d{4}$/ })).toBeVisible();
  await expect(result).toBeFocused();
  expect(posts.at(-1)!.postDataJSON()).toEqual({ meterId: meter.id, date, energyKwh: `${typed},5` });

  // Clearly a preview: not an invoice, no number; every line as on an invoice, with VAT and the a-konto balance.
  await expect(result.getByText('Forhåndsvisning', { exact: true })).toBeVisible();
  await expect(result.getByRole('heading', { name: 'Dette er ikke en faktura' })).toBeVisible();
  await expect(result).not.toContainText(/Fakturanummer|KID/);
  const [y, m, d] = date.split('-');
  await expect(result).toContainText(`målerstanden du skrev inn: ${typedText.replace(/ /g, '\u00a0')}\u00a0kWh den ${d}.${m}.${y}`);
  const lines = result.getByRole('table', { name: /^Linjene i prøveavregningen for / });
  await expect(lines.locator('tbody')).toContainText('Energi');
  await expect(lines.locator('tbody')).toContainText('Fastledd');
  await expect(lines.locator('tbody')).toContainText('Fakturert a-konto');
  await expect(lines.locator('tfoot')).toContainText('Merverdiavgift 25 %');
  await expect(lines.locator('tfoot')).toContainText('Sum inkl. mva, etter fratrekk av a-konto');
  await expect(result).toContainText(/Fakturert a-konto \(\d+ måneder?\)/);
  await expect(result).toContainText('Av dette betalt');
  await expect(result.locator('.trial-result__balance')).toContainText(/Du ville (fått å betale etter fratrekk av a-konto|fått tilbake)\s*\d[\d\s]*,\d{2}\skr/);
  await expectNoAxeViolations(page);
  await shot(page, 'faktura-proveavregning-desktop');
  await onPhone(page, 'faktura-proveavregning');

  // Nothing was stored: no reading on that day afterwards.
  const afterwards = (await (await page.request.get(`/api/meters/${meter.id}/readings?limit=50`)).json()) as { readings: Array<{ readAt: string }> };
  expect(afterwards.readings.some((reading) => osloDay(reading.readAt) === date)).toBe(false);
});

test('Økonomioversikt: Kari reads the year month by month with the forecast band, last year and the table', async ({ page }) => {
  await logIn(page, kari());
  // Kari starts on her own customer (she administers it); Nitelva, her second, has no overdue invoice.
  await expect(page.getByText('kundenummer 100033')).toBeVisible();
  await page.goto('/faktura/okonomioversikt');
  await expect(page.getByRole('heading', { level: 2, name: 'Økonomioversikt', exact: true })).toBeVisible();
  const economy = (await (await page.request.get('/api/economy')).json()) as {
    year: number;
    forecast: { assumptions: string[]; accuracy: string | null } | null;
    months: Array<{ month: string; kind: string }>;
  };
  expect(economy.forecast, 'Kari has history enough for a forecast').not.toBeNull();
  const year = economy.year;

  // The year's total with its range, in words.
  await expect(page.getByText(new RegExp(`^Vi regner med at hele ${year} kommer på om lag [\\d\\s]+kr, trolig mellom [\\d\\s]+kr og [\\d\\s]+kr\\.`))).toBeVisible();
  await expect(page.locator('.economy-totals')).toContainText('Forventet for hele året');
  await expect(page.locator('.economy-totals')).toContainText(/trolig mellom [\d\s]+kr og [\d\s]+kr/);

  // The chart: one image with a summary, the forecast band over the months to come, last year as a line.
  const chart = page.getByRole('img', { name: new RegExp(`^Søylediagram over kostnaden per måned i ${year}, med mva\\. Målt hittil: .* Prognosen for hele året er om lag`) });
  await expect(chart).toBeVisible();
  const forecastCount = economy.months.filter((month) => month.kind !== 'actual').length;
  expect(forecastCount).toBeGreaterThan(0);
  await expect(page.locator('.economy-chart__band')).toHaveCount(forecastCount);
  await expect(page.locator('.economy-chart__band').first()).toBeVisible();
  await expect(page.locator('.economy-chart__last-year').first()).toBeVisible();
  for (const item of ['Målt kostnad', 'Prognose (forventet)', 'Usikkerhet: 80 % sannsynlig innenfor', `Samme måned i ${year - 1}`]) {
    await expect(page.locator('.chart-legend')).toContainText(item);
  }

  // Each month is a button that says its figures; the arrow keys move between them.
  const monthsGroup = page.getByRole('group', { name: 'Månedene i diagrammet' });
  await expect(monthsGroup.getByRole('button')).toHaveCount(12);
  await expect(monthsGroup.getByRole('button').first()).toHaveAccessibleName(new RegExp(`^januar ${year}: målt [\\d\\s]+,\\d{2}\\skr, i fjor [\\d\\s]+,\\d{2}\\skr$`));
  await expect(monthsGroup.getByRole('button').last()).toHaveAccessibleName(
    new RegExp(`^desember ${year}: .*forventet for hele måneden [\\d\\s]+,\\d{2}\\skr, trolig mellom [\\d\\s]+,\\d{2}\\skr og [\\d\\s]+,\\d{2}\\skr`),
  );
  await monthsGroup.getByRole('button').first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(monthsGroup.getByRole('button').nth(1)).toBeFocused();
  await expect(page.locator('.chart__tooltip')).toContainText(`februar ${year}`);
  await page.keyboard.press('End');
  await expect(monthsGroup.getByRole('button').last()).toBeFocused();
  await monthsGroup.getByRole('button').last().blur();
  await expect(page.locator('.chart__tooltip')).toHaveCount(0);

  // How the forecast is made: the assumptions, how well it has done for Kari, and the caution.
  await expect(page.getByRole('heading', { level: 3, name: 'Slik er prognosen laget' })).toBeVisible();
  await expect(page.locator('.economy-forecast__list li')).toHaveCount(economy.forecast!.assumptions.length);
  await expect(page.getByRole('heading', { level: 4, name: 'Hvor godt har prognosen truffet før?' })).toBeVisible();
  if (economy.forecast!.accuracy) await expect(page.getByText(economy.forecast!.accuracy)).toBeVisible();
  await expect(page.getByText(/Den må ikke brukes som fasit/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Om økonomioversikten' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: `Innbetalinger i ${year}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'faktura-okonomi-desktop');
  await onPhone(page, 'faktura-okonomi');

  // The same numbers as a table, kept in the address.
  await toggle(page, 'Tabell');
  await expect(page).toHaveURL(/visning=tabell/);
  const table = page.getByRole('table', { name: `Kostnad per måned i ${year}, med mva` });
  await expect(table.locator('tbody tr')).toHaveCount(12);
  for (const column of ['Måned', 'Forbruk (kWh)', 'Målt kostnad', 'Forventet', 'Usikkerhet (80 %)', `Samme måned ${year - 1}`, 'Fakturert']) {
    await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await expect(table.locator('tbody tr').last()).toContainText('prognose');
  await expect(table.locator('tfoot')).toContainText('Sum');
  await expectNoAxeViolations(page);
  await shot(page, 'faktura-okonomi-tabell-desktop');
  await onPhone(page, 'faktura-okonomi-tabell');

  // Last year: what it cost, no forecast.
  await toggle(page, 'Diagram');
  await page.getByLabel('År', { exact: true }).selectOption(String(year - 1));
  await expect(page).toHaveURL(new RegExp(`ar=${year - 1}`));
  await expect(page.getByText(new RegExp(`^Varmen kostet [\\d\\s]+,\\d{2}\\skr i ${year - 1}\\. Året er over`))).toBeVisible();
  await expect(page.getByRole('img', { name: new RegExp(`i ${year - 1}, med mva`) })).toBeVisible();
  await expect(page.locator('.economy-chart__band')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
