import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatAccountNumber, isValidAccountNumber } from '../../lib/kid.js';

/**
 * The invoice or credit note as a PDF (decision 011): what bokføringsforskriften § 5-1-1 asks of a sales document —
 * number and date, the seller's name and organisation number followed by "MVA", the buyer's name and address, what
 * was delivered (lines with quantity and price), the period and place of delivery, VAT in NOK, the due date — and the
 * payment details (account number, KID).
 *
 * The standard Helvetica fonts are not embedded and encode WinAnsi (Windows-1252): æ ø å Æ Ø Å, « », –, € are there,
 * but not U+202F, U+2212, emoji or most letters outside Western Europe. Every text goes through `printable`, which
 * maps or replaces what the font cannot encode, and the numbers are formatted here (not with Intl) so that they never
 * contain such characters. The output is deterministic: the same document gives the same bytes.
 */

export interface InvoiceParty {
  name: string;
  street: string;
  postalCode: string;
  city: string;
}

export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  number: number;
  /** For a credit note: the number of the invoice it credits (required). */
  creditsNumber?: number;
  /** YYYY-MM-DD */
  invoiceDate: string;
  /** YYYY-MM-DD */
  dueDate: string;
  /** YYYY-MM-DD, first day of the period. */
  periodFrom: string;
  /** YYYY-MM-DD, the day after the period (exclusive); printed as the last day: 01.01.2026–31.01.2026. */
  periodTo: string;
  seller: InvoiceParty & {
    /** 9 digits, printed "Org.nr. 987 654 321 MVA". */
    orgNumber: string;
    /** 11 digits, a valid MOD11 account number. */
    bankAccount: string;
    phone: string;
    email: string;
    website?: string | null;
  };
  buyer: InvoiceParty & { customerNumber: string };
  deliveryPoint: { street: string; postalCode: string; city: string; meterNumbers: string[] };
  /**
   * The invoice lines. `quantity` is an exact decimal string printed as given ("1234.567" → "1 234,567");
   * `unitPriceOre` an exact decimal string of øre per unit, printed in kroner ("85.37" → "0,8537");
   * `amountOre` integer øre excluding VAT.
   */
  lines: Array<{ description: string; quantity: string; unit: string; unitPriceOre: string; amountOre: number }>;
  /** Integer øre. The lines must add up to `netOre`, and `netOre + vatOre` must be `totalOre`. Negative on a credit note. */
  netOre: number;
  vatRatePercent: number;
  vatOre: number;
  totalOre: number;
  /** KID: digits, the last may be '-' (MOD11). */
  kid: string;
  /** A-konto already paid, subtracted from the total to give what is left to pay. */
  accountPaidOnAccountOre?: number | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Text and numbers

const REPLACEMENTS = new Map<string, string>([
  ['\u2212', '-'], // minus sign (Intl nb-NO writes negative numbers with it)
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2043', '-'],
  ['\u2044', '/'],
  ['\u2032', "'"],
  ['\u2033', '"'],
  ['\u00ad', ''], // soft hyphen: invisible in running text
]);

/**
 * The text with every character the font cannot encode replaced: spaces of any kind (U+202F, U+2009, tab, line
 * break) become a space, a few dashes and primes their ASCII look-alikes, invisible format characters (zero-width
 * joiner, variation selectors) disappear, letters with a diacritic the font lacks lose it (č → c), and anything else
 * becomes '?'.
 */
export function printable(text: string, characterSet: ReadonlySet<number>): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0)!;
    if (characterSet.has(codePoint)) {
      out += char;
      continue;
    }
    const replacement = REPLACEMENTS.get(char);
    if (replacement !== undefined) out += replacement;
    else if (/[\s\p{Cc}]/u.test(char)) out += ' ';
    else if (/\p{Cf}|\p{M}/u.test(char)) out += '';
    else {
      const stripped = char.normalize('NFKD').replace(/\p{M}/gu, '');
      const encodable = stripped.length > 0 && [...stripped].every((c) => characterSet.has(c.codePointAt(0)!));
      out += encodable ? stripped : '?';
    }
  }
  return out;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** An exact decimal string the Norwegian way, its decimals as given: "-1234.567" → "-1 234,567". */
export function formatDecimal(value: string): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  const [, sign, integer, fraction] = match;
  const isZero = /^0*$/.test(integer! + (fraction ?? ''));
  return `${isZero ? '' : sign}${groupThousands(integer!.replace(/^0+(?=\d)/, ''))}${fraction ? `,${fraction}` : ''}`;
}

/** Integer øre as kroner with two decimals: -123456 → "-1 234,56". A normal space groups the thousands. */
export function formatOre(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Money must be a whole number of øre, got ${ore}`);
  const absolute = Math.abs(ore);
  return `${ore < 0 ? '-' : ''}${groupThousands(String(Math.trunc(absolute / 100)))},${String(absolute % 100).padStart(2, '0')}`;
}

/** A price in øre (exact decimal string) as kroner, at least two decimals and no rounding: "85.37" → "0,8537". */
export function formatPriceOre(ore: string): string {
  const match = DECIMAL.exec(ore.trim());
  if (!match) throw new RangeError(`Not a decimal number: ${JSON.stringify(ore)}`);
  const [, sign, integer, fraction = ''] = match;
  const digits = (integer! + fraction).padStart(fraction.length + 3, '0');
  const point = digits.length - fraction.length - 2;
  const kroner = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const decimals = digits.slice(point).replace(/0+$/, '').padEnd(2, '0');
  const isZero = /^0*$/.test(kroner + decimals);
  return `${isZero ? '' : sign}${groupThousands(kroner)},${decimals}`;
}

/** "987654321" → "987 654 321". */
export function formatOrgNumber(orgNumber: string): string {
  if (!/^\d{9}$/.test(orgNumber)) throw new RangeError(`An organisation number has 9 digits, got ${JSON.stringify(orgNumber)}`);
  return `${orgNumber.slice(0, 3)} ${orgNumber.slice(3, 6)} ${orgNumber.slice(6)}`;
}

function parseDate(value: string, what: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new RangeError(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return date;
}

function formatDate(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

function formatPercent(rate: number): string {
  return String(rate).replace('.', ',');
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

function validate(doc: InvoiceDocument): { invoiceDate: Date; dueDate: Date; periodFrom: Date; periodLast: Date } {
  if (doc.kind !== 'invoice' && doc.kind !== 'credit_note') throw new RangeError(`Unknown document kind ${JSON.stringify(doc.kind)}`);
  if (!Number.isSafeInteger(doc.number) || doc.number < 1) throw new RangeError(`Invoice number must be a positive whole number, got ${doc.number}`);
  if (doc.kind === 'credit_note' && (!Number.isSafeInteger(doc.creditsNumber) || doc.creditsNumber! < 1)) {
    throw new RangeError('A credit note must name the invoice it credits (creditsNumber)');
  }
  const invoiceDate = parseDate(doc.invoiceDate, 'invoiceDate');
  const dueDate = parseDate(doc.dueDate, 'dueDate');
  const periodFrom = parseDate(doc.periodFrom, 'periodFrom');
  const periodTo = parseDate(doc.periodTo, 'periodTo');
  if (periodTo <= periodFrom) throw new RangeError(`The period [${doc.periodFrom}, ${doc.periodTo}) is empty`);
  formatOrgNumber(doc.seller.orgNumber);
  if (!isValidAccountNumber(doc.seller.bankAccount)) {
    throw new RangeError(`The seller's bank account ${JSON.stringify(doc.seller.bankAccount)} is not a valid account number`);
  }
  if (!/^\d{1,24}[\d-]$/.test(doc.kid)) throw new RangeError(`Not a KID: ${JSON.stringify(doc.kid)}`);
  if (!Number.isFinite(doc.vatRatePercent) || doc.vatRatePercent < 0 || doc.vatRatePercent > 100) {
    throw new RangeError(`VAT rate must be a percentage, got ${doc.vatRatePercent}`);
  }
  const amounts = [doc.netOre, doc.vatOre, doc.totalOre, doc.accountPaidOnAccountOre ?? 0, ...doc.lines.map((line) => line.amountOre)];
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`Amounts must be whole numbers of øre, got ${amount}`);
  }
  const linesSum = doc.lines.reduce((sum, line) => sum + line.amountOre, 0);
  if (linesSum !== doc.netOre) throw new RangeError(`The lines add up to ${linesSum} øre, not the net amount ${doc.netOre}`);
  if (doc.netOre + doc.vatOre !== doc.totalOre) {
    throw new RangeError(`Net ${doc.netOre} + VAT ${doc.vatOre} øre is not the total ${doc.totalOre}`);
  }
  return { invoiceDate, dueDate, periodFrom, periodLast: new Date(periodTo.getTime() - 86_400_000) };
}

// ---------------------------------------------------------------------------------------------------------------
// Layout

const PAGE_WIDTH = 595.28; // A4 in points
const PAGE_HEIGHT = 841.89;
const LEFT = 56;
const RIGHT = PAGE_WIDTH - 56;
const TOP = PAGE_HEIGHT - 50;
const BOTTOM = 64; // the footer lives below this

const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.75, 0.75, 0.75);
const SHADE = rgb(0.94, 0.94, 0.94);

const TABLE_SIZE = 9.5;
const TABLE_LEADING = 12;
/** Columns of the lines table: description and unit wrap, the numbers are right-aligned at their right edge. */
const COLUMNS = {
  description: { left: LEFT, right: 280 },
  quantity: { right: 350 },
  unit: { left: 358, right: 408 },
  price: { right: 470 },
  amount: { right: RIGHT },
} as const;

interface TextStyle {
  font?: PDFFont;
  size?: number;
  color?: ReturnType<typeof rgb>;
}

class Writer {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = TOP;
  private readonly characterSet: ReadonlySet<number>;

  constructor(
    private readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly continuationHeader: (writer: Writer) => void,
  ) {
    // Helvetica and Helvetica-Bold share the WinAnsi encoding
    this.characterSet = new Set(regular.getCharacterSet());
  }

  clean(text: string): string {
    return printable(text, this.characterSet);
  }

  newPage(): void {
    this.page = this.pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = TOP;
    if (this.pages.length > 1) this.continuationHeader(this);
  }

  /** Starts a new page unless `height` points are left above the footer. Returns true when it did. */
  ensureSpace(height: number): boolean {
    if (this.y - height >= BOTTOM) return false;
    this.newPage();
    return true;
  }

  width(text: string, style: TextStyle = {}): number {
    return (style.font ?? this.regular).widthOfTextAtSize(this.clean(text), style.size ?? 10);
  }

  text(text: string, x: number, y: number, style: TextStyle = {}): void {
    this.page.drawText(this.clean(text), { x, y, font: style.font ?? this.regular, size: style.size ?? 10, color: style.color ?? BLACK });
  }

  textRight(text: string, right: number, y: number, style: TextStyle = {}): void {
    this.text(text, right - this.width(text, style), y, style);
  }

  rule(y: number, from = LEFT, to = RIGHT, thickness = 0.5, color = RULE): void {
    this.page.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness, color });
  }

  /** Greedy word wrap to `maxWidth`; a word wider than a line is broken between characters. Always at least one line. */
  wrap(text: string, maxWidth: number, style: TextStyle = {}): string[] {
    const words = this.clean(text).split(' ').filter((word) => word.length > 0);
    const lines: string[] = [];
    let line = '';
    for (let word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.width(candidate, style) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      while (this.width(word, style) > maxWidth) {
        let cut = 1;
        while (cut < word.length && this.width(word.slice(0, cut + 1), style) <= maxWidth) cut++;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    if (line || lines.length === 0) lines.push(line);
    return lines;
  }
}

function title(doc: InvoiceDocument): string {
  return doc.kind === 'credit_note' ? 'Kreditnota' : 'Faktura';
}

function drawTableHeader(w: Writer): void {
  const style = { font: w.bold, size: TABLE_SIZE };
  const y = w.y - TABLE_SIZE;
  w.text('Beskrivelse', COLUMNS.description.left, y, style);
  w.textRight('Mengde', COLUMNS.quantity.right, y, style);
  w.text('Enhet', COLUMNS.unit.left, y, style);
  w.textRight('Pris (kr)', COLUMNS.price.right, y, style);
  w.textRight('Beløp (kr)', COLUMNS.amount.right, y, style);
  w.rule(y - 4, LEFT, RIGHT, 0.8, BLACK);
  w.y = y - 4 - 6;
}

/** Renders the invoice or credit note as an A4 PDF. Throws RangeError for a document that does not add up. */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Uint8Array> {
  const dates = validate(doc);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);

  const documentTitle = `${title(doc)} ${doc.number}`;
  const orgLine = `Org.nr. ${formatOrgNumber(doc.seller.orgNumber)} MVA`;
  let inTable = false;

  const writer = new Writer(pdf, regular, bold, (w) => {
    w.text(doc.seller.name, LEFT, w.y - 11, { font: bold, size: 11 });
    w.textRight(`${documentTitle} (fortsettelse)`, RIGHT, w.y - 11, { font: bold, size: 11 });
    w.y -= 11 + 8;
    w.rule(w.y);
    w.y -= 14;
    if (inTable) drawTableHeader(w);
  });
  const w = writer;
  w.newPage();

  // Seller (left) and the document title with customer service (right)
  let y = w.y - 16;
  w.text(doc.seller.name, LEFT, y, { font: bold, size: 16 });
  w.textRight(title(doc), RIGHT, y - 2, { font: bold, size: 22 });
  y -= 16;
  const contact = [`Telefon ${doc.seller.phone}`, `E-post ${doc.seller.email}`, ...(doc.seller.website ? [doc.seller.website] : [])];
  const sellerLines = [doc.seller.street, `${doc.seller.postalCode} ${doc.seller.city}`, orgLine];
  for (let i = 0; i < Math.max(sellerLines.length, contact.length); i++) {
    if (sellerLines[i]) w.text(sellerLines[i]!, LEFT, y, { size: 9.5 });
    if (contact[i]) w.textRight(contact[i]!, RIGHT, y, { size: 9.5, color: GREY });
    y -= 12.5;
  }

  // Buyer (left, where a window envelope shows it) and the document's facts (right)
  y = PAGE_HEIGHT - 150;
  const buyerTop = y;
  w.text(doc.buyer.name, LEFT, y, { font: bold, size: 11 });
  y -= 14;
  for (const line of [doc.buyer.street, `${doc.buyer.postalCode} ${doc.buyer.city}`]) {
    w.text(line, LEFT, y, { size: 11 });
    y -= 14;
  }
  const buyerBottom = y;

  const facts: Array<[string, string]> = [
    ['Kundenummer', doc.buyer.customerNumber],
    [doc.kind === 'credit_note' ? 'Kreditnotanummer' : 'Fakturanummer', String(doc.number)],
    ...(doc.kind === 'credit_note' ? [['Krediterer faktura', String(doc.creditsNumber)] as [string, string]] : []),
    [doc.kind === 'credit_note' ? 'Dato' : 'Fakturadato', formatDate(dates.invoiceDate)],
    ...(doc.kind === 'invoice' ? [['Forfallsdato', formatDate(dates.dueDate)] as [string, string]] : []),
    ['Periode', `${formatDate(dates.periodFrom)}–${formatDate(dates.periodLast)}`],
  ];
  y = buyerTop;
  for (const [label, value] of facts) {
    w.text(label, 340, y, { size: 9.5, color: GREY });
    w.text(value, 440, y, { size: 9.5 });
    y -= 13;
  }
  w.y = Math.min(buyerBottom, y) - 18;

  // Place of delivery: the delivery point and its meters
  const place = `${doc.deliveryPoint.street}, ${doc.deliveryPoint.postalCode} ${doc.deliveryPoint.city}`;
  const meters = doc.deliveryPoint.meterNumbers.join(', ');
  const deliveryRows: Array<[string, string]> = [
    ['Leveringssted', place],
    [doc.deliveryPoint.meterNumbers.length === 1 ? 'Målernummer' : 'Målernumre', meters || '–'],
  ];
  for (const [label, value] of deliveryRows) {
    const lines = w.wrap(value, RIGHT - 140, { size: 9.5 });
    w.ensureSpace(lines.length * 12.5);
    w.text(label, LEFT, w.y - 9.5, { font: bold, size: 9.5 });
    for (const line of lines) {
      w.text(line, 140, w.y - 9.5, { size: 9.5 });
      w.y -= 12.5;
    }
  }
  w.y -= 14;

  // The lines
  w.ensureSpace(TABLE_SIZE + 10 + TABLE_LEADING * 2);
  inTable = true;
  drawTableHeader(w);
  const tableStyle = { size: TABLE_SIZE };
  for (const line of doc.lines) {
    const description = w.wrap(line.description, COLUMNS.description.right - COLUMNS.description.left, tableStyle);
    const unit = w.wrap(line.unit, COLUMNS.unit.right - COLUMNS.unit.left, tableStyle);
    const rows = Math.max(description.length, unit.length);
    // a row longer than a page is split over pages; otherwise it moves to the next page whole
    const fullPage = TOP - BOTTOM - 60;
    if (rows * TABLE_LEADING + 4 <= fullPage) w.ensureSpace(rows * TABLE_LEADING + 4);
    for (let i = 0; i < rows; i++) {
      w.ensureSpace(TABLE_LEADING + 4);
      const baseline = w.y - TABLE_SIZE;
      if (description[i]) w.text(description[i]!, COLUMNS.description.left, baseline, tableStyle);
      if (unit[i]) w.text(unit[i]!, COLUMNS.unit.left, baseline, tableStyle);
      if (i === 0) {
        w.textRight(formatDecimal(line.quantity), COLUMNS.quantity.right, baseline, tableStyle);
        w.textRight(formatPriceOre(line.unitPriceOre), COLUMNS.price.right, baseline, tableStyle);
        w.textRight(formatOre(line.amountOre), COLUMNS.amount.right, baseline, tableStyle);
      }
      w.y -= TABLE_LEADING;
    }
    w.y -= 1.5;
    w.rule(w.y + 0.5);
    w.y -= 1.5;
  }
  inTable = false;

  // Totals
  const paidOnAccount = doc.accountPaidOnAccountOre ?? null;
  const toPay = doc.totalOre - (paidOnAccount ?? 0);
  const totals: Array<[string, string, boolean]> = [
    ['Sum eks. mva', formatOre(doc.netOre), false],
    [doc.vatRatePercent === 0 ? 'Fritatt for merverdiavgift' : `MVA ${formatPercent(doc.vatRatePercent)} %`, formatOre(doc.vatOre), false],
    ['Sum inkl. mva', formatOre(doc.totalOre), true],
  ];
  if (paidOnAccount !== null) {
    totals.push(['Innbetalt a-konto', formatOre(-paidOnAccount), false]);
    totals.push([toPay > 0 ? 'Å betale' : 'Til gode', formatOre(Math.abs(toPay)), true]);
  }
  // What to pay (drawn below the totals; the two stay on one page)
  const paymentLines: Array<[string, string]> =
    toPay > 0
      ? [
          ['Kontonummer', formatAccountNumber(doc.seller.bankAccount)],
          ['KID', doc.kid],
          ['Forfallsdato', formatDate(dates.dueDate)],
          ['Å betale', `kr ${formatOre(toPay)}`],
        ]
      : [
          ['Til gode', `kr ${formatOre(Math.abs(toPay))}`],
          ['', doc.kind === 'credit_note' ? `Kreditnotaen gjelder faktura ${doc.creditsNumber} og skal ikke betales.` : 'Denne fakturaen skal ikke betales.'],
        ];
  const boxHeight = 22 + paymentLines.length * 16 + 8;
  const totalsHeight = 6 + totals.length * 15 + 24;
  w.ensureSpace(totalsHeight + boxHeight);
  w.y -= 6;
  for (const [label, value, strong] of totals) {
    const style = { font: strong ? bold : regular, size: 10 };
    if (strong) w.rule(w.y + 2, 330, RIGHT, 0.5, BLACK);
    w.text(label, 330, w.y - 10, style);
    w.textRight(value, RIGHT, w.y - 10, style);
    w.y -= 15;
  }
  w.text('Alle beløp i norske kroner (NOK).', 330, w.y - 9, { size: 8, color: GREY });
  w.y -= 24;

  // Payment
  w.page.drawRectangle({ x: LEFT, y: w.y - boxHeight, width: RIGHT - LEFT, height: boxHeight, color: SHADE });
  w.text(toPay > 0 ? 'Betaling' : 'Ingenting å betale', LEFT + 10, w.y - 16, { font: bold, size: 11 });
  let lineY = w.y - 22 - 14;
  for (const [label, value] of paymentLines) {
    if (label) w.text(label, LEFT + 10, lineY, { size: 11, color: GREY });
    w.text(value, LEFT + 110, lineY, { font: bold, size: 11 });
    lineY -= 16;
  }
  w.y -= boxHeight;

  // Footer on every page, now that the page count is known
  w.pages.forEach((page, index) => {
    w.page = page;
    w.rule(BOTTOM - 16);
    w.text(`${doc.seller.name} · ${orgLine} · Kontonummer ${formatAccountNumber(doc.seller.bankAccount)}`, LEFT, BOTTOM - 30, { size: 8, color: GREY });
    w.textRight(`Side ${index + 1} av ${w.pages.length}`, RIGHT, BOTTOM - 30, { size: 8, color: GREY });
  });

  // Deterministic metadata: nothing depends on the clock
  const created = dates.invoiceDate;
  pdf.setTitle(w.clean(`${documentTitle} – ${doc.seller.name}`));
  pdf.setAuthor(w.clean(doc.seller.name));
  pdf.setSubject(w.clean(`${documentTitle} til kundenummer ${doc.buyer.customerNumber}`));
  pdf.setLanguage('nb-NO');
  pdf.setCreator('Kundeweb');
  pdf.setProducer('Kundeweb (pdf-lib)');
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);
  return pdf.save();
}
