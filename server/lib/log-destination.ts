import pino from 'pino';

/** How long a log line may wait in the buffer on a quiet server. */
const FLUSH_INTERVAL_MS = 250;

/**
 * Standard output for the JSON log lines, written in batches of about 4 KB instead of one write(2) per line: at one
 * line per request the writes alone cost ~10 µs a request, a seventh of a cached answer (bench/throughput.mjs).
 * A quiet server's lines go out within FLUSH_INTERVAL_MS; pino flushes what is left when the process exits, also
 * through process.exit() after a shutdown or a fatal error. What a SIGKILL or a crash of Node itself cuts off —
 * at most the last quarter second — is lost (docs/decisions/020-answer-cache.md).
 */
export function bufferedStdout(): { stream: pino.DestinationStream; close(): void } {
  const stream = pino.destination({ dest: 1, minLength: 4096, sync: false });
  const timer = setInterval(() => {
    try {
      stream.flush();
    } catch {
      // not open yet, or already closed: the next tick or the exit handler writes it
    }
  }, FLUSH_INTERVAL_MS);
  timer.unref();
  return {
    stream,
    close() {
      clearInterval(timer);
      try {
        stream.flushSync();
      } catch {
        // nothing buffered, or standard output is gone
      }
    },
  };
}
