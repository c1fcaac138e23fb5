import fs from 'node:fs';
import type { Page, Request } from '@playwright/test';
import { demo, documentScrollWidth, expect, expectNoAxeViolations, logIn, SCREENSHOT_DIR, test } from './fixtures.js';

/*
 * Måler (issue 4) as a new user meets it: the meter drop-down of the housing cooperative, «Avlesning» with paging,
 * a reading for Ola's manual meter that needs confirmation and gets a receipt, and «Forbruk» from all years down to
 * the hours of one day, with previous/next, last year, outdoor temperature, the table, CSV and «Alle målere (sum)».
 */

const user = (email: string) => {
  const found = demo.users.find((candidate) => candidate.email === email);
  if (!found) throw new Error(`No demo user ${email}`);
  return found;
};
const kari = () => user('kari.nordmann@example.no');
const ola = () => user('ola.hansen@example.no');
const board = () => user('per.solheim@example.no'); // Nitelva Park Borettslag: three meters

test.beforeAll(() => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
const readingRows = (page: Page) => page.locator('.readings-table tbody tr');
/** Designsystemet's ToggleGroup: a radio inside each label; the label is what one clicks. */
async function toggle(page: Page, name: string) {
  await page.locator('label.ds-button', { has: page.getByRole('radio', { name, exact: true }) }).click();
  await expect(page.getByRole('radio', { name, exact: true })).toBeChecked();
}
const bars = (page: Page) => page.getByRole('group', { name: 'Søylene i diagrammet' }).first();

async function onPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(200);
  expect(await documentScrollWidth(page), `${name} is wider than a phone`).toBeLessThanOrEqual(360);
  // The readings table fits a phone too: no sideways scrolling inside its region.
  const readingsRegion = page.locator('.table-scroll', { has: page.locator('.readings-table') });
  if ((await readingsRegion.count()) > 0) {
    const [scrollWidth, clientWidth] = await readingsRegion.evaluate((node) => [node.scrollWidth, node.clientWidth]);
    expect(scrollWidth, `${name}: the readings table is wider than a phone`).toBeLessThanOrEqual(clientWidth);
  }
  await shot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('Avlesning: the housing cooperative chooses a meter and pages back through its readings', async ({ page }) => {
  await logIn(page, board());
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Måler' }).click();
  await expect(page).toHaveURL(/\/maler\/avlesning/);
  await expect(page.getByRole('heading', { level: 2, name: 'Avlesning' })).toBeVisible();

  const select = page.getByLabel('Velg måler');
  const options = select.locator('option');
  await expect(options).toHaveCount(3);
  // «Alle målere (sum)» belongs to Forbruk only.
  await expect(select.locator('option', { hasText: 'Alle målere' })).toHaveCount(0);
  const second = await options.nth(1).getAttribute('value');
  const readingsAnswer = page.waitForResponse((response) => response.url().includes(`/api/meters/${second}/readings`) && response.ok());
  await select.selectOption(second!);
  await expect(page).toHaveURL(new RegExp(`maler=${second}`));
  const answer = await readingsAnswer;
  // An hourly meter lists one reading a day unless the user asks for all.
  expect(new URL(answer.url()).searchParams.get('every')).toBe('day');
  const firstPage = (await answer.json()) as { readings: Array<{ meterNumber: string; source: string }> };
  await expect(page.getByRole('table', { name: new RegExp(`Avlesninger for måler ${firstPage.readings[0]!.meterNumber}, én per døgn`) })).toBeVisible();
  await expect(readingRows(page)).toHaveCount(50);
  await expect(readingRows(page).first()).toContainText('kWh');
  await expect(readingRows(page).first()).toContainText('Automatisk');
  // the meter's latest reading first (so far today), then one at each midnight
  await expect(readingRows(page).nth(1)).toContainText('kl. 00:00');
  await expect(readingRows(page).nth(2)).toContainText('kl. 00:00');
  await expect(page.getByRole('columnheader', { name: 'Forbruk siden forrige' })).toBeVisible();
  // "Vi tok i bruk systemet …" once on the page.
  await expect(page.getByRole('main').getByText(/^Vi tok i bruk systemet sommeren 2017\./)).toHaveCount(1);

  await expectNoAxeViolations(page);
  await shot(page, 'meters-readings-desktop');
  await onPhone(page, 'meters-readings');

  await page.getByRole('button', { name: 'Vis eldre avlesninger' }).click();
  await expect(readingRows(page)).toHaveCount(100);
  await expect(page.getByRole('status').filter({ hasText: 'Viser 100 avlesninger.' })).toBeAttached();
  // Still newest first across the pages, one a day.
  const times = await page.locator('.readings-table tbody time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')!));
  expect([...times].sort().reverse()).toEqual(times);
  expect(new Set(times.map((time) => time.slice(0, 10))).size).toBe(100);
});

const readingTimes = (page: Page) =>
  page.locator('.readings-table tbody time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')!));

test('Avlesning: Kari switches between one a day and every hour, and goes to a date', async ({ page }) => {
  await logIn(page, kari());
  await page.goto('/maler/avlesning');
  const every = page.getByRole('group', { name: 'Vis', exact: true });
  await expect(every.getByRole('radio', { name: 'Én per døgn', exact: true })).toBeChecked();
  await expect(every.getByRole('radio', { name: 'Alle (hver time)', exact: true })).not.toBeChecked();
  await expect(readingRows(page)).toHaveCount(50);
  // The latest reading, then one a day at midnight: consecutive midnight rows are a day apart.
  let times = await readingTimes(page);
  expect(Date.parse(times[1]!) - Date.parse(times[2]!)).toBeGreaterThanOrEqual(23 * 3_600_000);
  await expect(page.getByText('Du ser målerstanden ved midnatt hvert døgn')).toBeVisible();

  // Every hour, kept in the address.
  const hourlyAnswer = page.waitForResponse((response) => /\/api\/meters\/\d+\/readings\?/.test(response.url()) && !response.url().includes('every=') && response.ok());
  await toggle(page, 'Alle (hver time)');
  await hourlyAnswer;
  await expect(page).toHaveURL(/avlesninger=alle/);
  await expect(page.getByRole('table', { name: /^Avlesninger for måler [\d-]+, nyeste først$/ })).toBeVisible();
  times = await readingTimes(page);
  expect(Date.parse(times[0]!) - Date.parse(times[1]!)).toBe(3_600_000);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Alle (hver time)', exact: true })).toBeChecked();

  // Go to 15 January 2025: the list starts with the last hour of that day (before = the midnight after it).
  const jump = page.getByRole('form', { name: 'Gå til dato' });
  const dated = page.waitForResponse((response) => response.url().includes('/readings?') && response.url().includes('before=') && response.ok());
  await jump.getByLabel('Gå til dato').fill('2025-01-15');
  await jump.getByRole('button', { name: 'Gå', exact: true }).click();
  expect(new URL((await dated).url()).searchParams.get('before')).toBe('2025-01-15T23:00:00.000Z');
  await expect(page).toHaveURL(/dato=2025-01-15/);
  await expect(page.getByText('Viser avlesninger fra 15.01.2025 og eldre.')).toBeVisible();
  await expect(readingRows(page).first()).toContainText('15.01.2025');
  await expect(readingRows(page).first()).toContainText('kl. 23:00');

  // Back to one a day, still from that date; then page back from there.
  await toggle(page, 'Én per døgn');
  await expect(page).not.toHaveURL(/avlesninger=/);
  await expect(page).toHaveURL(/dato=2025-01-15/);
  await expect(readingRows(page).first()).toContainText('15.01.2025');
  await expect(readingRows(page).first()).toContainText('kl. 00:00');
  await page.getByRole('button', { name: 'Vis eldre avlesninger' }).click();
  await expect(readingRows(page)).toHaveCount(100);
  times = await readingTimes(page);
  expect([...times].sort().reverse()).toEqual(times);
  expect(times.every((time) => time < '2025-01-15T23:00:00.000Z')).toBe(true);
  await expectNoAxeViolations(page);
  await shot(page, 'meters-readings-date-desktop');
  await onPhone(page, 'meters-readings-date');

  // A date before the system start is refused with a message.
  await jump.getByLabel('Gå til dato').fill('2016-12-24');
  await jump.getByRole('button', { name: 'Gå', exact: true }).click();
  await expect(jump).toContainText('Velg en dato mellom 01.06.2017 og');
  await expect(page).toHaveURL(/dato=2025-01-15/);

  // Back to the newest.
  await page.getByRole('button', { name: 'Tilbake til nyeste' }).click();
  await expect(page).not.toHaveURL(/dato=/);
  await expect(readingRows(page).first()).not.toContainText('15.01.2025');
  await expect(jump.getByLabel('Gå til dato')).toHaveValue('');
});

test('Avlesning: Ola registers a reading, confirms an unusual value and gets a receipt', async ({ page }) => {
  await logIn(page, ola());
  await page.goto('/maler/avlesning');
  const form = page.getByRole('form', { name: 'Registrer avlesning' });
  await expect(form).toBeVisible();
  // One manual meter: no drop-down, and the plain list of every reading (no «Vis», no «Gå til dato»).
  await expect(page.getByLabel('Velg måler')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Vis', exact: true })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Gå til dato' })).toHaveCount(0);

  const date = form.getByLabel('Dato for avlesning');
  const value = form.getByLabel('Målerstand (kWh)');
  const today = await date.inputValue();
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // The form's own checks, in Norwegian, with an error summary.
  await form.getByRole('button', { name: 'Registrer avlesning' }).click();
  await expect(page.locator('ds-error-summary')).toContainText('Fyll ut målerstanden.');
  await value.fill('tolv tusen');
  await expect(form.locator('.ds-validation-message', { hasText: 'Skriv målerstanden som et tall i kWh' })).toBeVisible();

  const meters = (await (await page.request.get('/api/meters')).json()) as { meters: Array<{ latestReading: { energyKwh: string } }> };
  const latest = Number(meters.meters[0]!.latestReading.energyKwh);
  await value.fill(String(latest - 100));
  await expect(form.locator('.ds-validation-message', { hasText: /Målerstanden kan ikke være lavere enn forrige avlesning/ })).toBeVisible();

  // A value far above the expected consumption: the reason is shown and the user may correct or confirm.
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/meters\/\d+\/readings$/.test(request.url())) posts.push(request);
  });
  const unusual = `${String(latest + 50000).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},5`;
  await value.fill(unusual);
  await form.getByRole('button', { name: 'Registrer avlesning' }).click();
  const warning = page.locator('.reading-form__unusual');
  await expect(warning.getByRole('heading', { name: 'Er målerstanden riktig?' })).toBeVisible();
  await expect(warning).toContainText(/Forbruket siden forrige avlesning er 50\s00[01]\skWh, vi forventet mellom [\d\s]+\skWh og [\d\s]+\skWh for \d+ dager\./);
  await expectNoAxeViolations(page);
  await shot(page, 'meters-reading-unusual-desktop');

  // «Nei, rett målerstanden» goes back to the field …
  await warning.getByRole('button', { name: 'Nei, rett målerstanden' }).click();
  await expect(value).toBeFocused();
  // … and sending the same value again, then confirming, registers it with the same submission id.
  await form.getByRole('button', { name: 'Registrer avlesning' }).click();
  await warning.getByRole('button', { name: 'Ja, målerstanden er riktig' }).click();

  const receipt = page.locator('.reading-receipt');
  await expect(receipt.getByRole('heading', { name: 'Avlesningen er registrert' })).toBeVisible();
  await expect(receipt).toContainText(/AVL-\d+/);
  await expect(receipt).toContainText(/50\s000,5\s?kWh/);
  expect(posts.length).toBe(3);
  const bodies = posts.map((request) => request.postDataJSON() as { submissionId: string; energyKwh: string; confirmUnusual?: boolean });
  expect(new Set(bodies.map((body) => body.submissionId)).size).toBe(1);
  expect(bodies[0]!.energyKwh).toBe(`${latest + 50000}.5`);
  expect(bodies[2]!.confirmUnusual).toBe(true);

  // The new reading is at the top of the list at once.
  await expect(readingRows(page).first()).toContainText(/\d\s?kWh/);
  await expect(readingRows(page).first()).toContainText('Kunde');
  await expect(readingRows(page).first().locator('td').nth(1)).toContainText(new RegExp(String(latest + 50000).replace(/\B(?=(\d{3})+(?!\d))/g, '\\s')));
  await expectNoAxeViolations(page);
  await shot(page, 'meters-reading-receipt-desktop');
  await onPhone(page, 'meters-reading-receipt');

  await receipt.getByRole('button', { name: 'Registrer en ny avlesning' }).click();
  await expect(form.getByLabel('Målerstand (kWh)')).toHaveValue('');
});

test('Forbruk: all years → year → month → day → hour, previous/next, last year, temperature, table and CSV', async ({ page }) => {
  await logIn(page, kari());
  await page.goto('/maler/forbruk?periode=alle');
  await expect(page.getByRole('heading', { level: 2, name: 'Forbruk' })).toBeVisible();
  const chart = page.getByRole('img', { name: /^Søylediagram over forbruket alle år, per år\. Til sammen/ });
  await expect(chart).toBeVisible();
  await expectNoAxeViolations(page);

  // Drill down by clicking bars (links with names that say what they show).
  await bars(page).getByRole('link', { name: /^2025: .*Vis månedene$/ }).click();
  await expect(page).toHaveURL(/periode=2025(&|$)/);
  await expect(page.getByRole('heading', { level: 3, name: /^2025/ })).toBeVisible();
  await expect(bars(page).getByRole('link')).toHaveCount(12);

  await bars(page).getByRole('link', { name: /^januar 2025: .*Vis dagene$/ }).click();
  await expect(page).toHaveURL(/periode=2025-01(&|$)/);
  await expect(page.getByRole('heading', { level: 3, name: 'Januar 2025' })).toBeVisible();
  await expect(bars(page).getByRole('link')).toHaveCount(31);

  // The bars answer the keyboard: Tab to the first, arrows along.
  const first = bars(page).getByRole('link').first();
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(bars(page).getByRole('link').nth(1)).toBeFocused();
  await expect(page.locator('.chart__tooltip')).toContainText('torsdag 2. januar 2025');
  await page.keyboard.press('End');
  await expect(bars(page).getByRole('link').last()).toBeFocused();

  await bars(page).getByRole('link', { name: /^onsdag 15\. januar 2025: .*Vis timene$/ }).click();
  await expect(page).toHaveURL(/periode=2025-01-15/);
  await expect(page.getByRole('heading', { level: 3, name: 'Onsdag 15. januar 2025' })).toBeVisible();
  await expect(bars(page).getByRole('button')).toHaveCount(24);
  await expect(bars(page).getByRole('button').first()).toHaveAccessibleName(/^kl\. 00:00–01:00: \d+,\d\s?kWh/);

  // Previous and next day.
  await page.getByRole('link', { name: 'Forrige dag: Tirsdag 14. januar 2025' }).click();
  await expect(page).toHaveURL(/periode=2025-01-14/);
  await page.getByRole('link', { name: 'Neste dag: Onsdag 15. januar 2025' }).click();
  await expect(page).toHaveURL(/periode=2025-01-15/);

  // Up again with the breadcrumb; the meter choice stays in the address.
  await page.getByRole('navigation', { name: 'Periode du ser på' }).getByRole('link', { name: 'Januar 2025' }).click();
  await expect(page).toHaveURL(/periode=2025-01(&|$)/);
  await page.getByRole('link', { name: 'Forrige måned: Desember 2024' }).click();
  await expect(page).toHaveURL(/periode=2024-12/);
  await page.getByRole('link', { name: 'Neste måned: Januar 2025' }).click();

  // Compare with last year: grey bars, totals with the change in per cent.
  const compared = page.waitForResponse((response) => response.url().includes('compare=previous-year') && response.ok());
  await page.getByRole('switch', { name: 'Sammenlign med i fjor' }).click();
  await compared;
  await expect(page).toHaveURL(/sammenlign=1/);
  await expect(page.locator('.consumption-totals')).toContainText('Samme periode i fjor');
  await expect(page.locator('.consumption-totals')).toContainText(/Endring fra i fjor\s*[+−-]\d+,\d\s%/);
  await expect(page.locator('.chart__bar--previous').first()).toBeVisible();

  await page.getByRole('switch', { name: 'Utetemperatur' }).click();
  await expect(page.getByRole('switch', { name: 'Utetemperatur' })).toBeChecked();
  await expect(page).toHaveURL(/temperatur=1/);
  await expect(page.locator('.chart__line--temperature').first()).toBeVisible();
  await expect(page.getByText('Utetemperatur (°C, høyre akse)')).toBeVisible();
  await expect(bars(page).getByRole('link').first()).toHaveAccessibleName(/i fjor .*utetemperatur [-−]?\d+,\d\s°C/);

  await page.getByRole('switch', { name: 'Tur, retur og avkjøling (ΔT)' }).click();
  await expect(page.getByRole('heading', { name: 'Tur- og returtemperatur og avkjøling' })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'meters-consumption-month-desktop');
  await onPhone(page, 'meters-consumption-month');

  // The same numbers as a table.
  await toggle(page, 'Tabell');
  const table = page.getByRole('table', { name: 'Forbruk januar 2025, per dag' });
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(31);
  for (const column of ['Forbruk (kWh)', 'Herav estimert (kWh)', 'I fjor (kWh)', 'Endring', 'Utetemperatur', 'Tur', 'Retur', 'Avkjøling (ΔT)']) {
    await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await expect(table.locator('tfoot')).toContainText('Sum');
  await expectNoAxeViolations(page);
  await shot(page, 'meters-consumption-table-desktop');
  await onPhone(page, 'meters-consumption-table');

  // CSV of the shown period, both variants.
  const nbDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV (norsk Excel)' }).click();
  const nbFile = fs.readFileSync((await (await nbDownload).path())!, 'utf8');
  expect(nbFile.charCodeAt(0)).toBe(0xfeff);
  const nbLines = nbFile.trim().split(/\r?\n/);
  expect(nbLines[0]).toContain(';');
  expect(nbLines.length).toBeGreaterThanOrEqual(32);
  expect(nbFile).toMatch(/15\.01\.2025/);
  expect(nbFile).toMatch(/;\d+,\d+/);

  const machineDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV (maskinlesbar)' }).click();
  const machineFile = fs.readFileSync((await (await machineDownload).path())!, 'utf8');
  const machineLines = machineFile.trim().split(/\r?\n/);
  expect(machineLines[0]).toMatch(/^[a-z0-9_]+(,[a-z0-9_]+)+$/);
  expect(machineLines.length).toBeGreaterThanOrEqual(32);
  expect(machineFile).toMatch(/2025-01-15/);

  // Quick jump and the week view of a year.
  await toggle(page, 'Diagram');
  await page.getByLabel('År', { exact: true }).selectOption('2024');
  await expect(page).toHaveURL(/periode=2024-01/);
  await page.getByLabel('Måned', { exact: true }).selectOption({ label: 'Hele året' });
  await expect(page).toHaveURL(/periode=2024(&|$)/);
  await toggle(page, 'Uker');
  await expect(page).toHaveURL(/inndeling=uke/);
  await expect(page.getByRole('heading', { level: 3, name: '2024 · per uke' })).toBeVisible();
  await expect(bars(page).getByRole('link')).toHaveCount(52);

  // A week bar opens the week by day: Monday to the next Monday.
  const week = page.waitForResponse(
    (response) => response.url().includes('resolution=day') && response.url().includes('from=2024-03-04') && response.url().includes('to=2024-03-11') && response.ok(),
  );
  await bars(page).getByRole('link', { name: /^uke 10 \(4\. mars–10\. mars 2024\): .*Vis dagene$/ }).click();
  await week;
  await expect(page).toHaveURL(/periode=2024-W10(&|$)/);
  await expect(page).not.toHaveURL(/inndeling=/);
  await expect(page.getByRole('heading', { level: 3, name: 'Uke 10 (4. mars–10. mars 2024)' })).toBeVisible();
  await expect(bars(page).getByRole('link')).toHaveCount(7);
  await expect(bars(page).getByRole('link').first()).toHaveAccessibleName(/^mandag 4\. mars 2024: .*Vis timene$/);
  await expect(page.locator('text.chart__tick', { hasText: 'man 4' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'meters-consumption-week-desktop');
  await onPhone(page, 'meters-consumption-week');

  // Previous and next week, across the year end too.
  await page.getByRole('link', { name: 'Forrige uke: Uke 9 (26. feb.–3. mars 2024)' }).click();
  await expect(page).toHaveURL(/periode=2024-W09/);
  await page.getByRole('link', { name: /^Neste uke: Uke 10/ }).click();
  await expect(page).toHaveURL(/periode=2024-W10/);
  await page.goto(page.url().replace('2024-W10', '2024-W52'));
  await page.getByRole('link', { name: /^Neste uke: Uke 1 \(30\. des\.–5\. jan\. 2025\)$/ }).click();
  await expect(page).toHaveURL(/periode=2025-W01/);

  // A day of the week opens its hours; the breadcrumb of a week leads back to the year by week.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/periode=2024-W10/);
  await page.getByRole('navigation', { name: 'Periode du ser på' }).getByRole('link', { name: '2024' }).click();
  await expect(page).toHaveURL(/periode=2024(&|$)/);
  await expect(page).toHaveURL(/inndeling=uke/);
  await expect(page.getByRole('radio', { name: 'Uker', exact: true })).toBeChecked();
  await bars(page).getByRole('link', { name: /^uke 10 / }).click();
  await bars(page).getByRole('link', { name: /^onsdag 6\. mars 2024: / }).click();
  await expect(page).toHaveURL(/periode=2024-03-06/);
  await expect(bars(page).getByRole('button')).toHaveCount(24);
});

test('Forbruk: «Alle målere (sum)» for the housing cooperative, and a year before the system start', async ({ page }) => {
  await logIn(page, board());
  await page.goto('/maler/forbruk');
  const select = page.getByLabel('Velg måler');
  await expect(select.locator('option')).toHaveCount(4);
  const all = page.waitForResponse((response) => response.url().includes('/api/meters/all/consumption') && response.ok());
  await select.selectOption({ label: 'Alle målere (sum)' });
  await all;
  await expect(page).toHaveURL(/maler=alle/);
  await expect(page.getByText('Forbruket er summen av disse 3 målerne:')).toBeVisible();
  await expect(page.getByRole('img', { name: /^Søylediagram over forbruket/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, 'meters-consumption-all-desktop');
  await onPhone(page, 'meters-consumption-all');

  // Avlesning shows one meter: the sum is not a meter.
  await page.getByRole('navigation', { name: 'Valg under Måler' }).getByRole('link', { name: 'Avlesning' }).click();
  await expect(readingRows(page).first()).toBeVisible();

  // The system start is said once: by the chart when the period reaches before it, otherwise under «Forbruk».
  const systemStart = page.getByRole('main').getByText('Vi tok i bruk systemet sommeren 2017. Det ligger derfor ikke noe historikk før dette.');
  await page.goto('/maler/forbruk?periode=2017');
  await expect(page.getByRole('link', { name: /^Forrige år/ })).toHaveCount(0);
  await expect(systemStart).toHaveCount(1);
  // … between the period controls and the chart, not in the page's heading area.
  const noteBox = (await systemStart.boundingBox())!;
  const optionsBox = (await page.locator('.consumption-options').boundingBox())!;
  const chartBox = (await page.getByRole('img', { name: /^Søylediagram over forbruket/ }).boundingBox())!;
  expect(noteBox.y).toBeGreaterThan(optionsBox.y);
  expect(noteBox.y).toBeLessThan(chartBox.y);
  await page.goto('/maler/forbruk?periode=2025');
  await expect(page.getByRole('img', { name: /^Søylediagram over forbruket/ })).toBeVisible();
  await expect(systemStart).toHaveCount(1);
  const laterNote = (await systemStart.boundingBox())!;
  expect(laterNote.y).toBeLessThan((await page.locator('.period-bar').boundingBox())!.y);
});

test('Avlesning: Lars sees his meter replacement of 2021 as one history', async ({ page }) => {
  await logIn(page, user('lars.berg@example.no'));
  // one reading a day, from the day of the replacement and back
  await page.goto('/maler/avlesning?dato=2021-03-15');
  const rows = readingRows(page);
  await expect(rows.filter({ hasText: /Startstand for ny måler/ })).toHaveCount(1);
  await expect(rows.filter({ hasText: /Sluttstand for måler/ })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Målerbytte' })).toHaveCount(2);
  // the new meter starts at its start reading, 12 kWh
  await expect(rows.filter({ hasText: /Startstand for ny måler/ })).toContainText('12,0 kWh');
  await expectNoAxeViolations(page);
  await shot(page, 'meters-readings-replacement-desktop');
});
