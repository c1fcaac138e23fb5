import { describe, expect, it } from 'vitest';
import { absoluteWindowMs, idleWindowMs, slidingExpiry } from './session.service.js';

const policy = { idleMinutes: 30, absoluteHours: 12, rememberMeDays: 30 };
const now = new Date('2026-11-27T12:00:00Z');

describe('session windows', () => {
  it('ends an ordinary session after 30 idle minutes and 12 hours at most', () => {
    expect(idleWindowMs(policy, false)).toBe(30 * 60_000);
    expect(absoluteWindowMs(policy, false)).toBe(12 * 3_600_000);
  });

  it('keeps a "Husk meg" session 30 days from the last use', () => {
    const absolute = new Date(now.getTime() + absoluteWindowMs(policy, true));
    expect(slidingExpiry(policy, true, now, absolute)).toEqual(new Date('2026-12-27T12:00:00Z'));
  });

  it('never slides past the absolute limit', () => {
    const absolute = new Date('2026-11-27T12:10:00Z');
    expect(slidingExpiry(policy, false, now, absolute)).toEqual(absolute);
  });
});
