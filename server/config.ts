import path from 'node:path';

/**
 * The whole configuration, parsed and validated once at start-up.
 * A bad value stops the start with a message that names the variable (see docs/decisions/003-configuration.md).
 */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** The address users reach the portal at; used in links in e-mails and to decide on Secure cookies. */
  publicUrl: URL;
  /** postgres://… for a real PostgreSQL; undefined means the embedded PGlite database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The PostgreSQL pool (ignored for the embedded database): size and the timeouts that make an outage fail fast. */
  database: {
    /** Connections per instance; every instance's pool shares PostgreSQL's max_connections. */
    poolMax: number;
    /** Waiting for a connection longer than this fails the request with 503 (the server is down or the pool is full). */
    connectTimeoutMs: number;
    /** statement_timeout for the app's statements; 0 = none. */
    statementTimeoutMs: number;
  };
  /**
   * Redis for what several instances must share (request-rate limits). Unset: counted in memory per instance.
   * keyPrefix keeps this deployment's (or test's) keys apart from others on the same Redis.
   */
  redis: { url: string | undefined; keyPrefix: string };
  /**
   * How long an instance may keep a session it has looked up, and a customer's answer to a cacheable GET, in memory;
   * 0 turns both caches off. Any change to the data or to access empties them at once on every instance (LISTEN/NOTIFY,
   * docs/decisions/020-answer-cache.md); the limit covers what changes with the clock alone (a due date passing).
   */
  cacheSeconds: number;
  /** GET /metrics is served only when set, and only with `Authorization: Bearer <token>` (docs/operations.md). */
  metricsToken: string | undefined;
  /** How long shutdown waits for in-flight requests and background work before the process exits anyway. */
  shutdownTimeoutMs: number;
  outbox: {
    /** How often the worker looks for due messages when it is not woken. */
    intervalMs: number;
    /** First retry after this long, doubling per attempt up to retryMaxMs. */
    retryBaseMs: number;
    retryMaxMs: number;
    maxAttempts: number;
  };
  retention: {
    /** audit_log rows older than this are deleted (docs/decisions/018-operations.md). */
    auditDays: number;
    /** Delivered and given-up outbox messages older than this are deleted. */
    outboxDays: number;
    /** How often the retention job runs (each instance; one at a time through an advisory lock). */
    intervalMinutes: number;
  };
  /** Load the demo data when the database has no customers yet. */
  demoData: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Which proxies may set X-Forwarded-For: false (none), a hop count, or a list of proxy addresses/CIDRs.
   * Never "trust everything": the client could then choose its own IP and escape per-IP limits.
   */
  trustProxy: false | number | string[];
  /** Per-IP request rate limits on the account routes; off only for benchmarks that measure raw capacity. */
  rateLimits: boolean;
  session: {
    idleMinutes: number;
    absoluteHours: number;
    rememberMeDays: number;
  };
  passwordMinLength: number;
  messages: {
    /** smtp(s)://user:pass@host:port; unset in development means messages stop in the development outbox. */
    smtpUrl: string | undefined;
    mailFrom: string;
    /** HTTP endpoint of the SMS gateway (POST JSON); unset in development means the development outbox. */
    smsGatewayUrl: string | undefined;
    smsGatewayToken: string | undefined;
    smsSender: string;
    /** Show delivered messages at /api/dev/outbox and /utvikler/utboks (never in production). */
    devOutbox: boolean;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  // Each parser records a problem naming the variable and returns a placeholder, so that every bad value is reported at once.
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T): T => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    return parse(raw.trim());
  };
  const oneOf =
    <T extends string>(allowed: readonly T[]) =>
    (name: string) =>
    (raw: string): T => {
      if ((allowed as readonly string[]).includes(raw)) return raw as T;
      problems.push(`${name}=${JSON.stringify(raw)}: must be one of ${allowed.join(', ')}`);
      return allowed[0]!;
    };
  const integer = (name: string, min: number, max: number) => (raw: string): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a whole number from ${min} to ${max}`);
      return min;
    }
    return value;
  };
  const boolean = (name: string) => (raw: string): boolean => {
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}=${JSON.stringify(raw)}: must be true or false`);
    return false;
  };

  const nodeEnv = read('NODE_ENV', 'development' as Config['env'], oneOf(['development', 'production', 'test'] as const)('NODE_ENV'));
  const port = read('PORT', 3000, integer('PORT', 0, 65535));
  const host = read('HOST', '127.0.0.1', (raw) => raw);

  let publicUrl = new URL(`http://localhost:${port}`);
  const rawPublicUrl = env.PUBLIC_URL?.trim();
  if (rawPublicUrl) {
    try {
      publicUrl = new URL(rawPublicUrl);
      if (!['http:', 'https:'].includes(publicUrl.protocol)) throw new Error('protocol');
    } catch {
      problems.push(`PUBLIC_URL=${JSON.stringify(rawPublicUrl)}: must be an http(s) URL such as https://minside.example.no`);
    }
  }

  let databaseUrl: string | undefined;
  const rawDatabaseUrl = env.DATABASE_URL?.trim();
  if (rawDatabaseUrl) {
    if (/^postgres(ql)?:\/\//.test(rawDatabaseUrl)) databaseUrl = rawDatabaseUrl;
    else problems.push('DATABASE_URL: must start with postgres:// or postgresql:// (leave it unset for the embedded database)');
  }

  const dataDir = path.resolve(read('DATA_DIR', './data', (raw) => raw));
  const database = {
    poolMax: read('DB_POOL_MAX', 10, integer('DB_POOL_MAX', 1, 500)),
    connectTimeoutMs: read('DB_CONNECT_TIMEOUT_MS', 2_000, integer('DB_CONNECT_TIMEOUT_MS', 100, 60_000)),
    statementTimeoutMs: read('DB_STATEMENT_TIMEOUT_MS', 30_000, integer('DB_STATEMENT_TIMEOUT_MS', 0, 3_600_000)),
  };
  const demoDefault = nodeEnv !== 'production';
  const demoData = read('DEMO_DATA', demoDefault, boolean('DEMO_DATA'));
  const logLevel = read(
    'LOG_LEVEL',
    (nodeEnv === 'test' ? 'silent' : 'info') as Config['logLevel'],
    oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const)('LOG_LEVEL'),
  );
  const trustProxy = read('TRUST_PROXY', false as Config['trustProxy'], (raw): Config['trustProxy'] => {
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    if (/^[1-9]$/.test(raw)) return Number(raw);
    const list = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
    if (list.length > 0 && list.every((entry) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry))) return list;
    problems.push(`TRUST_PROXY=${JSON.stringify(raw)}: must be false, the number of proxy hops (1–9), or the proxies' addresses/CIDRs (comma-separated)`);
    return false;
  });
  const rateLimits = read('RATE_LIMITS', true, boolean('RATE_LIMITS'));
  // Off by default in tests, which write through factories and read at once; the cache's own tests turn it on.
  const cacheSeconds = read('CACHE_SECONDS', nodeEnv === 'test' ? 0 : 30, integer('CACHE_SECONDS', 0, 3_600));

  const session = {
    idleMinutes: read('SESSION_IDLE_MINUTES', 30, integer('SESSION_IDLE_MINUTES', 1, 24 * 60)),
    absoluteHours: read('SESSION_ABSOLUTE_HOURS', 12, integer('SESSION_ABSOLUTE_HOURS', 1, 7 * 24)),
    rememberMeDays: read('REMEMBER_ME_DAYS', 30, integer('REMEMBER_ME_DAYS', 1, 365)),
  };
  const passwordMinLength = read('PASSWORD_MIN_LENGTH', 8, integer('PASSWORD_MIN_LENGTH', 8, 64));

  const url = (name: string, protocols: string[]) => (raw: string): string | undefined => {
    try {
      if (protocols.includes(new URL(raw).protocol)) return raw;
    } catch {
      // reported below
    }
    problems.push(`${name}: must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    return undefined;
  };
  const redis = {
    url: read('REDIS_URL', undefined as string | undefined, url('REDIS_URL', ['redis:', 'rediss:'])),
    keyPrefix: read('REDIS_KEY_PREFIX', 'kundeweb:', (raw) => {
      if (/^[A-Za-z0-9_:.-]{1,64}$/.test(raw)) return raw;
      problems.push(`REDIS_KEY_PREFIX=${JSON.stringify(raw)}: must be 1–64 letters, digits or _ : . -`);
      return 'kundeweb:';
    }),
  };
  const metricsToken = read('METRICS_TOKEN', undefined as string | undefined, (raw) => {
    if (raw.length >= 16 && /^[\x21-\x7e]+$/.test(raw)) return raw;
    problems.push('METRICS_TOKEN: must be at least 16 printable characters without spaces (it is a password)');
    return undefined;
  });
  const shutdownTimeoutMs = read('SHUTDOWN_TIMEOUT_MS', 10_000, integer('SHUTDOWN_TIMEOUT_MS', 1_000, 300_000));
  const outbox = {
    intervalMs: read('OUTBOX_INTERVAL_MS', 1_000, integer('OUTBOX_INTERVAL_MS', 10, 600_000)),
    retryBaseMs: read('OUTBOX_RETRY_BASE_MS', 5_000, integer('OUTBOX_RETRY_BASE_MS', 10, 3_600_000)),
    retryMaxMs: read('OUTBOX_RETRY_MAX_MS', 3_600_000, integer('OUTBOX_RETRY_MAX_MS', 10, 86_400_000)),
    maxAttempts: read('OUTBOX_MAX_ATTEMPTS', 25, integer('OUTBOX_MAX_ATTEMPTS', 1, 1_000)),
  };
  if (outbox.retryMaxMs < outbox.retryBaseMs) problems.push('OUTBOX_RETRY_MAX_MS: must not be less than OUTBOX_RETRY_BASE_MS');
  const retention = {
    auditDays: read('AUDIT_RETENTION_DAYS', 730, integer('AUDIT_RETENTION_DAYS', 1, 36_500)),
    outboxDays: read('OUTBOX_RETENTION_DAYS', 30, integer('OUTBOX_RETENTION_DAYS', 1, 36_500)),
    intervalMinutes: read('RETENTION_INTERVAL_MINUTES', 60, integer('RETENTION_INTERVAL_MINUTES', 1, 7 * 24 * 60)),
  };

  const messages = {
    smtpUrl: read('SMTP_URL', undefined as string | undefined, url('SMTP_URL', ['smtp:', 'smtps:'])),
    mailFrom: read('MAIL_FROM', 'Min side <ikke-svar@localhost>', (raw) => raw),
    smsGatewayUrl: read('SMS_GATEWAY_URL', undefined as string | undefined, url('SMS_GATEWAY_URL', ['http:', 'https:'])),
    smsGatewayToken: env.SMS_GATEWAY_TOKEN?.trim() || undefined,
    smsSender: read('SMS_SENDER', 'MinSide', (raw) => raw),
    devOutbox: false,
  };
  // The development outbox shows PINs and one-time links: only outside production, and by default only when no
  // real transport is configured (so it never mirrors messages that really went out).
  messages.devOutbox =
    nodeEnv !== 'production' && read('DEV_OUTBOX', !(messages.smtpUrl && messages.smsGatewayUrl), boolean('DEV_OUTBOX'));
  if (nodeEnv === 'production' && !rateLimits) problems.push('RATE_LIMITS: cannot be turned off when NODE_ENV=production');
  if (nodeEnv === 'production' && !messages.smtpUrl) problems.push('SMTP_URL: must be set when NODE_ENV=production');
  if (nodeEnv === 'production' && !messages.smsGatewayUrl) problems.push('SMS_GATEWAY_URL: must be set when NODE_ENV=production');

  if (nodeEnv === 'production' && publicUrl.protocol !== 'https:') {
    problems.push('PUBLIC_URL: must be an https:// URL when NODE_ENV=production');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    databaseUrl,
    dataDir,
    database,
    redis,
    cacheSeconds,
    metricsToken,
    shutdownTimeoutMs,
    outbox,
    retention,
    demoData,
    logLevel,
    trustProxy,
    rateLimits,
    session,
    passwordMinLength,
    messages,
  };
}
