import { describe, expect, it } from 'vitest';
import type { ChangeFeed } from './change-feed.js';
import { GenerationCache } from './generation-cache.js';

function feed(): ChangeFeed & { generation: number; live: boolean } {
  return { generation: 1, live: true, changed() { this.generation++; }, ready: async () => {}, close: async () => {} };
}

describe('GenerationCache', () => {
  it('keeps a value until the generation moves on', () => {
    const f = feed();
    const cache = new GenerationCache<string>(f, { ttlMs: 1_000, maxEntries: 10 });
    cache.set('a', 'A', cache.startGeneration());
    expect(cache.get('a')).toBe('A');
    f.changed();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not keep a value whose computation started before a change', () => {
    const f = feed();
    const cache = new GenerationCache<string>(f, { ttlMs: 1_000, maxEntries: 10 });
    const started = cache.startGeneration();
    f.changed(); // a write committed while the answer was being computed
    cache.set('a', 'stale', started);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets a value after its time, and answers nothing while the feed is not live', () => {
    const f = feed();
    const cache = new GenerationCache<string>(f, { ttlMs: 1_000, maxEntries: 10 });
    cache.set('a', 'A', cache.startGeneration(), 10_000);
    expect(cache.get('a', 10_999)).toBe('A');
    expect(cache.get('a', 11_000)).toBeUndefined();
    cache.set('b', 'B', cache.startGeneration());
    f.live = false;
    expect(cache.get('b')).toBeUndefined();
    cache.set('c', 'C', cache.startGeneration());
    f.live = true;
    expect(cache.get('c')).toBeUndefined();
  });

  it('drops the oldest entries past its bounds, and never keeps one value of more than a quarter of the size', () => {
    const f = feed();
    const cache = new GenerationCache<string>(f, { ttlMs: 1_000, maxEntries: 3, maxSize: 100, size: (v) => v.length });
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, key.repeat(10), cache.startGeneration());
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('d')).toBe('dddddddddd');
    expect(cache.size).toBe(3);
    cache.set('e', 'e'.repeat(20), cache.startGeneration());
    cache.set('f', 'f'.repeat(20), cache.startGeneration());
    cache.set('g', 'g'.repeat(20), cache.startGeneration()); // 10 + 20 + 20 + 20 > … keeps within 100
    expect(cache.size).toBeLessThanOrEqual(3);
    cache.set('huge', 'h'.repeat(26), cache.startGeneration());
    expect(cache.get('huge')).toBeUndefined();
  });
});
