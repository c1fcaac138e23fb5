import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { createWorkLimiter } from './concurrency.js';

describe('createWorkLimiter', () => {
  it('runs at most maxConcurrent at once, queues maxQueued, and refuses the rest with 503', async () => {
    const limiter = createWorkLimiter(2, 1);
    let active = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const work = () =>
      new Promise<void>((resolve) => {
        active++;
        peak = Math.max(peak, active);
        releases.push(() => {
          active--;
          resolve();
        });
      });
    const running = [limiter.run(work), limiter.run(work), limiter.run(work)];
    await Promise.resolve();
    expect(limiter.load).toEqual({ running: 2, queued: 1 });
    const refused = limiter.run(work);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'overloaded', statusCode: 503 });
    while (releases.length > 0 || limiter.load.running > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await Promise.all(running);
    expect(peak).toBe(2);
    expect(limiter.load).toEqual({ running: 0, queued: 0 });
  });
});
