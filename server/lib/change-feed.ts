import pg from 'pg';
import type { DatabaseHandle } from '../db/database.js';

/** The channel migration 0011's triggers notify on. */
export const CHANGE_CHANNEL = 'kundeweb_changes';

/**
 * Tells the in-process caches when what they hold may be out of date (docs/decisions/020-answer-cache.md).
 *
 * `generation` goes up by one whenever the database says something changed (a notice on CHANGE_CHANNEL, from any
 * instance, the import or psql), whenever this instance changes something itself (`changed()`, at once, before the
 * notice arrives), and whenever the feed loses or regains its connection. A cache entry records the generation it
 * was computed in and is used only while the generation is still the same, so a change drops every entry at once.
 * While `live` is false the feed cannot hear notices, and nothing may be answered from a cache.
 */
export interface ChangeFeed {
  readonly generation: number;
  readonly live: boolean;
  /** This instance changed something (or may have): count it now rather than when the notice comes back. */
  changed(): void;
  /** Resolves once the feed listens (tests; the app starts without waiting). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

class Feed {
  generation = 0;
  live = false;
  private readonly waiting: Array<() => void> = [];

  changed(): void {
    this.generation++;
  }

  setLive(live: boolean): void {
    // Anything may have changed while the feed was deaf, and an entry made just before it went deaf is not to be
    // trusted after: a new generation either way.
    this.generation++;
    this.live = live;
    if (live) for (const resolve of this.waiting.splice(0)) resolve();
  }

  ready(): Promise<void> {
    return this.live ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

export interface ChangeFeedOptions {
  /** Only for PostgreSQL: the connection to listen on is a client of its own, outside the pool. */
  connectionString?: string | undefined;
  onError?: (error: Error) => void;
  /** Waits between reconnection attempts, doubling up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export async function startChangeFeed(database: DatabaseHandle, options: ChangeFeedOptions = {}): Promise<ChangeFeed> {
  const feed = new Feed();
  const api = (close: () => Promise<void>): ChangeFeed => ({
    get generation() {
      return feed.generation;
    },
    get live() {
      return feed.live;
    },
    changed: () => feed.changed(),
    ready: () => feed.ready(),
    close,
  });

  if (database.kind === 'pglite') {
    // One process owns the embedded database, and PGlite hands its notices to listeners after each statement.
    const unlisten = await database.pglite!.listen(CHANGE_CHANNEL, () => feed.changed());
    feed.setLive(true);
    return api(async () => {
      feed.live = false;
      await unlisten().catch(() => {});
    });
  }

  if (!options.connectionString) throw new Error('startChangeFeed: a PostgreSQL connection string is needed');
  const connectionString = options.connectionString;
  const baseRetry = options.retryMs ?? 250;
  const maxRetry = options.maxRetryMs ?? 5_000;
  let closed = false;
  let client: pg.Client | null = null;
  let retry = baseRetry;
  let timer: NodeJS.Timeout | null = null;

  const lost = (current: pg.Client, error?: Error) => {
    if (client !== current) return;
    client = null;
    if (feed.live) feed.setLive(false);
    if (error) options.onError?.(error);
    current.end().catch(() => {});
    if (!closed) {
      timer = setTimeout(connect, retry);
      timer.unref();
      retry = Math.min(retry * 2, maxRetry);
    }
  };

  async function connect(): Promise<void> {
    timer = null;
    if (closed) return;
    // TCP keep-alive notices a server that vanished without closing the connection; until then the TTL bounds what
    // a cache could miss.
    const current = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 2_000, application_name: 'kundeweb-change-feed' });
    client = current;
    current.on('notification', () => feed.changed());
    current.on('error', (error) => lost(current, error));
    current.on('end', () => lost(current));
    try {
      await current.connect();
      await current.query(`listen ${CHANGE_CHANNEL}`);
      if (client !== current || closed) return;
      retry = baseRetry;
      feed.setLive(true);
    } catch (error) {
      lost(current, error as Error);
    }
  }

  void connect();
  return api(async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    feed.live = false;
    const current = client;
    client = null;
    await current?.end().catch(() => {});
  });
}

/** A feed for when the caches are off: never live, so nothing is ever answered from a cache. */
export const deafChangeFeed: ChangeFeed = {
  generation: 0,
  live: false,
  changed() {},
  ready: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
