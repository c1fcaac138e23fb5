import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDecimal, formatOre, formatPriceOre, printable, renderInvoicePdf, type InvoiceDocument } from './invoice-pdf.js';

const PDFTOTEXT = '/usr/bin/pdftotext';
const hasPdftotext = existsSync(PDFTOTEXT);
if (!hasPdftotext) {
  console.warn(`invoice-pdf.test: ${PDFTOTEXT} is missing (Debian: apt-get install poppler-utils); the text checks are skipped`);
}

let tmp = '';
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'invoice-pdf-'));
});
afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** The PDF's text as pdftotext reads it, with every run of whitespace (also U+00A0) made one space. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  await fs.writeFile(file, bytes);
  const { stdout } = await promisify(execFile)(PDFTOTEXT, ['-enc', 'UTF-8', '-layout', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

function sampleInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    kind: 'invoice',
    number: 12,
    invoiceDate: '2026-02-03',
    dueDate: '2026-02-20',
    periodFrom: '2026-01-01',
    periodTo: '2026-02-01',
    seller: {
      name: 'Østlandet Fjernvarme AS',
      orgNumber: '987654321',
      street: 'Varmeverksveien 1',
      postalCode: '2000',
      city: 'Lillestrøm',
      bankAccount: '12345678903',
      phone: '63 80 00 00',
      email: 'kundeservice@fjernvarme.example',
      website: 'fjernvarme.example',
    },
    buyer: { name: 'Åse Bjørnæs Ødegård', customerNumber: '10003', street: 'Blåbærstien 7', postalCode: '2010', city: 'Strømmen' },
    deliveryPoint: { street: 'Blåbærstien 7', postalCode: '2010', city: 'Strømmen', meterNumbers: ['71234567'] },
    lines: [
      { description: 'Energi januar 2026', quantity: '1234.567', unit: 'kWh', unitPriceOre: '85.37', amountOre: 105_395 },
      { description: 'Fastledd', quantity: '1', unit: 'mnd', unitPriceOre: '25000', amountOre: 25_000 },
      { description: 'Effektledd «vinter» – 12 kW', quantity: '12', unit: 'kW', unitPriceOre: '4500', amountOre: 54_000 },
    ],
    netOre: 184_395,
    vatRatePercent: 25,
    vatOre: 46_099,
    totalOre: 230_494,
    kid: '000001000300000121',
    ...overrides,
  };
}

function sampleCreditNote(): InvoiceDocument {
  const invoice = sampleInvoice();
  return {
    ...invoice,
    kind: 'credit_note',
    number: 13,
    creditsNumber: 12,
    invoiceDate: '2026-02-10',
    lines: invoice.lines.map((line) => ({ ...line, quantity: `-${line.quantity}`, amountOre: -line.amountOre })),
    netOre: -invoice.netOre,
    vatOre: -invoice.vatOre,
    totalOre: -invoice.totalOre,
    kid: '000001000300000139',
  };
}

async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount();
}

describe('number formats', () => {
  it.each([
    ['0', '0'],
    ['1', '1'],
    ['1234.567', '1 234,567'],
    ['-1234567.5', '-1 234 567,5'],
    ['-0.000', '0,000'],
    ['0012', '12'],
  ])('formatDecimal(%s) = %s', (value, expected) => {
    expect(formatDecimal(value)).toBe(expected);
  });

  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [123_456, '1 234,56'],
    [-123_456, '-1 234,56'],
    [100_000_000, '1 000 000,00'],
  ])('formatOre(%s) = %s', (ore, expected) => {
    expect(formatOre(ore)).toBe(expected);
  });

  it.each([
    ['85.37', '0,8537'],
    ['25000', '250,00'],
    ['1250.5', '12,505'],
    ['85.3712', '0,853712'],
    ['5', '0,05'],
    ['-4500', '-45,00'],
    ['0', '0,00'],
    ['123456789', '1 234 567,89'],
  ])('formatPriceOre(%s) = %s', (ore, expected) => {
    expect(formatPriceOre(ore)).toBe(expected);
  });

  it('refuses what is not a number', () => {
    expect(() => formatDecimal('1,5')).toThrow(RangeError);
    expect(() => formatPriceOre('abc')).toThrow(RangeError);
    expect(() => formatOre(1.5)).toThrow(RangeError);
  });
});

describe('printable', () => {
  const winAnsi = new Set([...'0123456789abcdeilmnorstuvV ?-æøåÆØÅ«»–€'].map((c) => c.codePointAt(0)!));
  it('keeps what the font has and replaces the rest', () => {
    expect(printable('æøå ÆØÅ «»–€', winAnsi)).toBe('æøå ÆØÅ «»–€');
    expect(printable('1\u202f234\u2009€', winAnsi)).toBe('1 234 €');
    expect(printable('\u22121', winAnsi)).toBe('-1');
    expect(printable('a\tb\nc', winAnsi)).toBe('a b c');
    expect(printable('Varme 🔥', winAnsi)).toBe('Varme ?');
    expect(printable('č', winAnsi)).toBe('c');
    expect(printable('a\u0308', winAnsi)).toBe('a'); // a + combining diaeresis (ä is not in this small set)
    expect(printable('a\u030a', winAnsi)).toBe('å'); // NFC makes it å
    expect(printable('\u200d\ufe0f', winAnsi)).toBe('');
  });
});

describe('renderInvoicePdf', () => {
  it('is deterministic and carries its metadata', async () => {
    const first = await renderInvoicePdf(sampleInvoice());
    const second = await renderInvoicePdf(sampleInvoice());
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(first.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const loaded = await PDFDocument.load(first, { updateMetadata: false });
    expect(loaded.getTitle()).toBe('Faktura 12 – Østlandet Fjernvarme AS');
    expect(loaded.getAuthor()).toBe('Østlandet Fjernvarme AS');
    expect(loaded.getCreationDate()?.toISOString()).toBe('2026-02-03T00:00:00.000Z');
    expect(loaded.getModificationDate()?.toISOString()).toBe('2026-02-03T00:00:00.000Z');
    expect(loaded.getPageCount()).toBe(1);
    const [page] = loaded.getPages();
    expect(page!.getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it.skipIf(!hasPdftotext)('writes everything § 5-1-1 and the payment need as text', async () => {
    const text = await pdfText(await renderInvoicePdf(sampleInvoice()));
    for (const expected of [
      'Faktura',
      'Østlandet Fjernvarme AS',
      'Org.nr. 987 654 321 MVA',
      'Varmeverksveien 1',
      '2000 Lillestrøm',
      'Åse Bjørnæs Ødegård',
      'Blåbærstien 7',
      '2010 Strømmen',
      'Kundenummer 10003',
      'Fakturanummer 12',
      'Fakturadato 03.02.2026',
      'Forfallsdato 20.02.2026',
      'Periode 01.01.2026–31.01.2026',
      'Leveringssted Blåbærstien 7, 2010 Strømmen',
      'Målernummer 71234567',
      'Beskrivelse Mengde Enhet Pris (kr) Beløp (kr)',
      'Energi januar 2026 1 234,567 kWh 0,8537 1 053,95',
      'Fastledd 1 mnd 250,00 250,00',
      'Effektledd «vinter» – 12 kW 12 kW 45,00 540,00',
      'Sum eks. mva 1 843,95',
      'MVA 25 % 460,99',
      'Sum inkl. mva 2 304,94',
      'Kontonummer 1234.56.78903',
      'KID 000001000300000121',
      'Å betale kr 2 304,94',
      'Side 1 av 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Kreditnota');
  });

  it.skipIf(!hasPdftotext)('writes a credit note that names the invoice it credits', async () => {
    const bytes = await renderInvoicePdf(sampleCreditNote());
    const text = await pdfText(bytes);
    for (const expected of [
      'Kreditnota',
      'Kreditnotanummer 13',
      'Krediterer faktura 12',
      'Dato 10.02.2026',
      'Energi januar 2026 -1 234,567 kWh 0,8537 -1 053,95',
      'Sum inkl. mva -2 304,94',
      'Til gode kr 2 304,94',
      'Kreditnotaen gjelder faktura 12 og skal ikke betales.',
      'Org.nr. 987 654 321 MVA',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Forfallsdato');
    expect((await PDFDocument.load(bytes)).getTitle()).toBe('Kreditnota 13 – Østlandet Fjernvarme AS');
  });

  it.skipIf(!hasPdftotext)('subtracts a-konto already paid, and says "Fritatt" without VAT', async () => {
    const invoice = sampleInvoice({ vatRatePercent: 0, vatOre: 0, totalOre: 184_395, accountPaidOnAccountOre: 150_000 });
    const text = await pdfText(await renderInvoicePdf(invoice));
    expect(text).toContain('Fritatt for merverdiavgift 0,00');
    expect(text).not.toContain('MVA 0 %');
    expect(text).toContain('Innbetalt a-konto -1 500,00');
    expect(text).toContain('Å betale 343,95');
    expect(text).toContain('Å betale kr 343,95');

    const overpaid = await pdfText(await renderInvoicePdf({ ...invoice, accountPaidOnAccountOre: 200_000 }));
    expect(overpaid).toContain('Til gode 156,05');
    expect(overpaid).toContain('Denne fakturaen skal ikke betales.');
    expect(overpaid).not.toContain('KID');
  });

  it.skipIf(!hasPdftotext)('continues many lines on a second page and wraps long descriptions', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({
      description: `Linje ${i + 1}: energi uke ${(i % 52) + 1}`,
      quantity: '100',
      unit: 'kWh',
      unitPriceOre: '100',
      amountOre: 10_000,
    }));
    lines[59]!.description =
      'Siste linje med en svært lang beskrivelse som ikke får plass på én linje i tabellen og derfor må brytes over flere linjer uten at noe forsvinner, Ærlig talt';
    const invoice = sampleInvoice({ lines, netOre: 600_000, vatOre: 150_000, totalOre: 750_000 });
    const bytes = await renderInvoicePdf(invoice);
    expect(await pageCount(bytes)).toBe(2);
    const text = await pdfText(bytes);
    for (let i = 1; i <= 59; i++) expect(text).toContain(`Linje ${i}: energi uke ${((i - 1) % 52) + 1}`);
    for (const word of lines[59]!.description.split(' ')) expect(text).toContain(word);
    expect(text).toContain('Faktura 12 (fortsettelse)');
    expect(text).toContain('Side 1 av 2');
    expect(text).toContain('Side 2 av 2');
    expect(text).toContain('Å betale kr 7 500,00');
    // the table header is repeated on the second page
    expect(text.split('Beskrivelse Mengde Enhet').length - 1).toBe(2);
  });

  it('puts 200 lines on as many pages as they need', async () => {
    const lines = Array.from({ length: 200 }, () => ({ description: 'Energi', quantity: '1', unit: 'kWh', unitPriceOre: '100', amountOre: 100 }));
    const bytes = await renderInvoicePdf(sampleInvoice({ lines, netOre: 20_000, vatOre: 5_000, totalOre: 25_000 }));
    expect(await pageCount(bytes)).toBeGreaterThanOrEqual(4);
  });

  it.skipIf(!hasPdftotext)('replaces characters the font cannot encode instead of failing', async () => {
    const invoice = sampleInvoice();
    invoice.lines[0]!.description = 'Energi 🔥 1\u202f234 kWh \u2212 Čapek\tøst';
    invoice.buyer.name = 'Åse 😀 Ødegård';
    invoice.lines[1]!.unit = 'mnd\u00a0';
    const text = await pdfText(await renderInvoicePdf(invoice));
    expect(text).toContain('Energi ? 1 234 kWh - Capek øst');
    expect(text).toContain('Åse ? Ødegård');
  });

  it('breaks a word wider than the column', async () => {
    const invoice = sampleInvoice();
    invoice.lines[0]!.description = 'X'.repeat(300);
    const bytes = await renderInvoicePdf(invoice);
    expect(await pageCount(bytes)).toBe(1);
    if (hasPdftotext) expect((await pdfText(bytes)).replace(/[^X]/g, '')).toHaveLength(300);
  });

  it('refuses a document that does not add up or lacks what the law asks', async () => {
    await expect(renderInvoicePdf(sampleInvoice({ netOre: 1 }))).rejects.toThrow(/lines add up/);
    await expect(renderInvoicePdf(sampleInvoice({ totalOre: 1 }))).rejects.toThrow(/not the total/);
    await expect(renderInvoicePdf(sampleInvoice({ vatOre: 0.5, totalOre: 184_395.5 }))).rejects.toThrow(RangeError);
    await expect(renderInvoicePdf(sampleInvoice({ invoiceDate: '2026-02-30' }))).rejects.toThrow(/invoiceDate/);
    await expect(renderInvoicePdf(sampleInvoice({ periodTo: '2026-01-01' }))).rejects.toThrow(/empty/);
    await expect(renderInvoicePdf(sampleInvoice({ kid: '12 34' }))).rejects.toThrow(/KID/);
    const badAccount = sampleInvoice();
    badAccount.seller.bankAccount = '12345678904';
    await expect(renderInvoicePdf(badAccount)).rejects.toThrow(/account/);
    const badOrg = sampleInvoice();
    badOrg.seller.orgNumber = '98765432';
    await expect(renderInvoicePdf(badOrg)).rejects.toThrow(/organisation number/);
    const creditNote = sampleCreditNote();
    delete creditNote.creditsNumber;
    await expect(renderInvoicePdf(creditNote)).rejects.toThrow(/credits/);
  });
});
