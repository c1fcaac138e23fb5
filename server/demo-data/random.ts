/**
 * A small seeded PRNG for the demo data. Math.random cannot be seeded, and the demo data must be the same on every
 * machine and every start, so that the log-ins printed at start-up, the tests and the screenshots agree.
 *
 * sfc32 (Chris Doty-Humphrey's "small fast counting" generator) passes PractRand and BigCrush, is four 32-bit words
 * of state and needs only 32-bit integer operations, which JavaScript does quickly.
 */

/** FNV-1a over the text, finished with murmur3's fmix32 so that similar inputs give unrelated seeds. */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  const text = parts.join('\u001f');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  /**
   * Streams are derived from a label path, e.g. new Rng(seed, 'meter', 'M3', 'events'): every part of the data draws
   * from its own stream, so adding a customer or extending the period never shifts the numbers of another part.
   */
  constructor(...parts: ReadonlyArray<string | number>) {
    // splitmix32 spreads the one 32-bit hash over the four state words
    let s = hashSeed(...parts);
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    let u = this.float();
    while (u === 0) u = this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Exponentially distributed waiting time with the given mean (for events of a Poisson process). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** A random d-digit string without a leading zero. */
  digits(count: number): string {
    let out = String(this.int(1, 9));
    for (let i = 1; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}
