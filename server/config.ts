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
    demoData,
    logLevel,
    trustProxy,
    rateLimits,
    session,
    passwordMinLength,
    messages,
  };
}
