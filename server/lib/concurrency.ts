import { AppError } from './errors.js';

/**
 * Bounds concurrent expensive work (argon2 uses 19 MiB and ~50 ms of CPU per hash): at most `maxConcurrent` run,
 * at most `maxQueued` wait, and anything past that is refused with 503 at once instead of piling up in memory.
 */
export function createWorkLimiter(maxConcurrent: number, maxQueued: number) {
  let running = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= maxConcurrent) {
        if (waiting.length >= maxQueued) {
          throw new AppError('overloaded', 'Tjenesten har mange forespørsler akkurat nå. Prøv igjen om litt.', {
            'retry-after': '2',
          });
        }
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
    get load() {
      return { running, queued: waiting.length };
    },
  };
}
