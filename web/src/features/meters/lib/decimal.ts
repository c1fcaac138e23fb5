/**
 * The API's exact decimals ("1234.567") compared and subtracted without binary floating point, in thousandths.
 * Charts scale with plain numbers (toNumber); values shown to the user go through format.ts from the strings.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "1234.5678" → 1234568n (thousandths, rounded half up); undefined when the text is not a decimal. */
export function toMilli(value: string): bigint | undefined {
  const match = DECIMAL.exec(value.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const digits = `${fraction}000`;
  let milli = BigInt(whole!) * 1000n + BigInt(digits.slice(0, 3));
  if (Number(digits[3] ?? '0') >= 5) milli += 1n;
  return sign === '-' ? -milli : milli;
}

export function fromMilli(milli: bigint): string {
  const negative = milli < 0n;
  const absolute = negative ? -milli : milli;
  const whole = absolute / 1000n;
  const fraction = (absolute % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** a − b as an exact decimal string. */
export function subtractDecimal(a: string, b: string): string {
  const left = toMilli(a);
  const right = toMilli(b);
  if (left === undefined || right === undefined) throw new RangeError(`Not decimals: "${a}", "${b}"`);
  return fromMilli(left - right);
}

export function compareDecimal(a: string, b: string): number {
  const left = toMilli(a);
  const right = toMilli(b);
  if (left === undefined || right === undefined) throw new RangeError(`Not decimals: "${a}", "${b}"`);
  return left === right ? 0 : left < right ? -1 : 1;
}

/** For drawing only: a decimal string as a number, null stays null. */
export function toNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Change from `previous` to `current` in per cent, one decimal; null when there is nothing to compare with. */
export function percentChange(current: string | null, previous: string | null): number | null {
  const now = toNumber(current);
  const before = toNumber(previous);
  if (now === null || before === null || before === 0) return null;
  return Math.round(((now - before) / before) * 1000) / 10;
}
