/**
 * Work that must not shape the answer a client sees: requests whose response has to be identical (status, body
 * and time) whether or not an account or customer matched — password reset and forgotten customer number/PIN.
 * The route answers at once and the work continues here; tests and shutdown wait with drain().
 */
export function createBackgroundWork(onError: (error: unknown) => void, capacity = 200) {
  const pending = new Set<Promise<void>>();
  return {
    /** Past `capacity` pending jobs the work is dropped (and reported): a flood must not exhaust memory. */
    run(work: () => Promise<void>): void {
      if (pending.size >= capacity) {
        onError(new Error(`background work dropped: ${capacity} jobs already pending`));
        return;
      }
      // setImmediate, not a microtask: the answer is written before the work starts. With the embedded database
      // the work runs on this thread, and starting it at once would delay the answer only when something matched.
      const promise = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .catch(onError)
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },
    async drain(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

export type BackgroundWork = ReturnType<typeof createBackgroundWork>;
