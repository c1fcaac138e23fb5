import type { ChangeFeed } from './change-feed.js';

export interface GenerationCacheOptions<V> {
  ttlMs: number;
  maxEntries: number;
  /** Bound on the sum of size(value) over all entries (answers: their length in characters). */
  maxSize?: number;
  size?: (value: V) => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  size: number;
}

/**
 * An in-memory cache whose entries hold only while nothing has changed (docs/decisions/020-answer-cache.md): every
 * new generation of the change feed empties it, an entry lives at most ttlMs, and while the feed is not live it
 * neither answers nor keeps anything. When full, the oldest entries go first.
 *
 * A value is stored with the generation its computation *started* in (`startGeneration()` before reading the
 * database, `set(…, started)` after): if anything changed in between, the value may already be out of date and is
 * not kept.
 */
/** Counts since start, read by /metrics (plugins/metrics.ts); plain integers, so counting costs nothing. */
export interface CacheStats {
  /** answered from memory */
  hits: number;
  /** looked for and not there (or out of date): computed anew */
  misses: number;
  /** not looked for: the cache was off or the change feed not live */
  bypassed: number;
}

export class GenerationCache<V> {
  readonly stats: CacheStats = { hits: 0, misses: 0, bypassed: 0 };
  private readonly entries = new Map<string, Entry<V>>();
  private generation = -1;
  private totalSize = 0;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly options: GenerationCacheOptions<V>,
  ) {}

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.feed.live;
  }

  startGeneration(): number {
    return this.feed.generation;
  }

  get(key: string, now = Date.now()): V | undefined {
    if (!this.current()) {
      this.stats.bypassed++;
      return undefined;
    }
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) {
      this.stats.hits++;
      return entry.value;
    }
    if (entry) this.remove(key, entry);
    this.stats.misses++;
    return undefined;
  }

  set(key: string, value: V, startedIn: number, now = Date.now()): void {
    if (!this.current() || startedIn !== this.generation) return;
    const size = this.options.size?.(value) ?? 1;
    const maxSize = this.options.maxSize ?? Infinity;
    if (size > maxSize / 4) return; // one answer may not crowd out the rest
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.entries.set(key, { value, expiresAt: now + this.options.ttlMs, size });
    this.totalSize += size;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.totalSize <= maxSize) break;
      this.remove(oldestKey, oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  /** False when nothing may be used; empties the cache when the feed has moved on to a new generation. */
  private current(): boolean {
    if (!this.enabled) {
      if (this.entries.size > 0) this.clear();
      return false;
    }
    if (this.generation !== this.feed.generation) {
      this.clear();
      this.generation = this.feed.generation;
    }
    return true;
  }

  private clear(): void {
    this.entries.clear();
    this.totalSize = 0;
  }

  private remove(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.totalSize -= entry.size;
  }
}
