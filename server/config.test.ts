import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for the embedded database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.demoData).toBe(true);
    expect(config.passwordMinLength).toBe(8);
    expect(config.session).toEqual({ idleMinutes: 30, absoluteHours: 12, rememberMeDays: 30 });
  });

  it('reads typed values', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@db/kundeweb', DEMO_DATA: 'false', SESSION_IDLE_MINUTES: '15' });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u@db/kundeweb');
    expect(config.demoData).toBe(false);
    expect(config.session.idleMinutes).toBe(15);
    expect(config.publicUrl.origin).toBe('http://localhost:8080');
  });

  it.each([
    ['PORT', 'tre tusen'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['DEMO_DATA', 'kanskje'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['PUBLIC_URL', 'ftp://example.no'],
    ['PASSWORD_MIN_LENGTH', '4'],
    ['TRUST_PROXY', 'true'],
    ['DB_POOL_MAX', '0'],
    ['DB_CONNECT_TIMEOUT_MS', '10'],
    ['DB_STATEMENT_TIMEOUT_MS', '-1'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_KEY_PREFIX', 'mellom rom'],
    ['METRICS_TOKEN', 'kort'],
    ['OUTBOX_RETRY_BASE_MS', '0'],
    ['AUDIT_RETENTION_DAYS', '0'],
    ['OUTBOX_RETENTION_DAYS', 'en måned'],
    ['SHUTDOWN_TIMEOUT_MS', '5'],
  ])('refuses %s=%s with a message that names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('trusts only named proxies or a hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  it('turns the development outbox on only without real transports', () => {
    expect(loadConfig({}).messages.devOutbox).toBe(true);
    expect(loadConfig({ SMTP_URL: 'smtp://mail:25', SMS_GATEWAY_URL: 'https://sms.example.no' }).messages.devOutbox).toBe(false);
  });

  it('reports every bad value at once', () => {
    try {
      loadConfig({ PORT: 'x', DEMO_DATA: 'y' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });

  it('requires https in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://minside.example.no' })).toThrow(/PUBLIC_URL/);
    const production = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://minside.example.no',
      SMTP_URL: 'smtp://mail.example.no:587',
      SMS_GATEWAY_URL: 'https://sms.example.no/send',
    });
    expect(production.demoData).toBe(false);
    expect(production.messages.devOutbox).toBe(false);
  });

  it('requires real message delivery in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://minside.example.no' })).toThrow(/SMTP_URL[\s\S]*SMS_GATEWAY_URL/);
  });

  it('has operations defaults: a fail-fast pool, in-memory rate limits, no metrics, retention', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ poolMax: 10, connectTimeoutMs: 2_000, statementTimeoutMs: 30_000 });
    expect(config.redis).toEqual({ url: undefined, keyPrefix: 'kundeweb:' });
    expect(config.metricsToken).toBeUndefined();
    expect(config.retention).toEqual({ auditDays: 730, outboxDays: 30, intervalMinutes: 60 });
    expect(config.outbox).toEqual({ intervalMs: 1_000, retryBaseMs: 5_000, retryMaxMs: 3_600_000, maxAttempts: 25 });
  });

  it('reads the operations settings', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      REDIS_KEY_PREFIX: 'test-abc:',
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      DB_STATEMENT_TIMEOUT_MS: '0',
      OUTBOX_RETRY_BASE_MS: '100',
      OUTBOX_RETRY_MAX_MS: '400',
    });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379/2', keyPrefix: 'test-abc:' });
    expect(config.metricsToken).toBe('a-long-enough-metrics-token');
    expect(config.database.statementTimeoutMs).toBe(0);
    expect(config.outbox.retryBaseMs).toBe(100);
    expect(() => loadConfig({ OUTBOX_RETRY_BASE_MS: '1000', OUTBOX_RETRY_MAX_MS: '100' })).toThrow(/OUTBOX_RETRY_MAX_MS/);
  });
});
