// The one place that reads process.env. Defaults come from config/default.json, then
// config/<NODE_ENV>.json, then the environment; the result is validated once and frozen.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const configDir = fileURLToPath(new URL('../config/', import.meta.url));

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL with protocol ${protocols.join(' or ')}`);

const schema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  databaseUrl: url(['postgres:', 'postgresql:']).nullable(),
  /** The role that owns the schema: migrations run through it, the service through databaseUrl (README, "Database roles"). */
  databaseOwnerUrl: url(['postgres:', 'postgresql:']).nullable(),
  embeddedDataDir: z.string().min(1),
  redisUrl: url(['redis:', 'rediss:']),
  smtpUrl: url(['smtp:', 'smtps:']).nullable(),
  mailDir: z.string().min(1),
  publicUrl: url(['http:', 'https:']).nullable(),
  bootstrapToken: z.string().min(32, 'must be at least 32 characters (it is an owner credential)').nullable(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** auto: readable lines when stdout is a terminal, JSON lines otherwise (src/lib/logger.ts). */
  logFormat: z.enum(['auto', 'json', 'pretty']),
  bodyLimit: z.string().regex(/^\d+(kb|mb)$/, 'must look like 100kb or 50mb'),
  databasePoolMax: z.coerce.number().int().min(1).max(500),
  shutdownGraceMs: z.coerce.number().int().min(0),
  trustProxy: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  loginPolicyTimeoutMs: z.coerce.number().int().min(10).max(60_000),
  loginPolicyMaxSteps: z.coerce.number().int().min(1000),
  // Sessions and SSO (src/sessions, src/sso).
  encryptionKey: z.string().min(32, 'must be at least 32 characters (it encrypts signing keys and IdP secrets at rest)').nullable(),
  sessionTokenTtlSeconds: z.coerce.number().int().min(30).max(86_400),
  sessionLifetimeSeconds: z.coerce.number().int().min(300).max(90 * 86_400),
  sessionKeyRotationDays: z.coerce.number().int().min(1).max(365),
  returnToOrigins: z.union([z.array(url(['http:', 'https:'])), z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))]),
  /** Test peers run on http://127.0.0.1; never set this in production (OIDC issuers must be https). */
  oidcAllowHttpIssuers: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  // The admin console's cookie session (src/console-session).
  consoleSessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60),
  consoleSessionLifetimeMinutes: z.coerce.number().int().min(5).max(7 * 24 * 60),
  // Invitations and the mail queue (src/invitations, src/mail).
  invitationExpiryDays: z.coerce.number().positive().max(365),
  mailFrom: z.string().min(3),
  mailQueuePrefix: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, dashes or underscores'),
  /** false: this instance relays the outbox but sends no mail (workers run elsewhere). */
  mailWorker: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  mailConcurrency: z.coerce.number().int().min(1).max(1000),
  mailAttempts: z.coerce.number().int().min(1).max(100),
  mailBackoffMs: z.coerce.number().int().min(1),
  mailOrgRateLimit: z.coerce.number().int().min(1),
  mailOrgRateWindowMs: z.coerce.number().int().min(100),
  mailRelayIntervalMs: z.coerce.number().int().min(10),
  mailRelayBatch: z.coerce.number().int().min(1).max(10_000),
  mailRedeliverAfterMs: z.coerce.number().int().min(100),
  mailSendTimeoutMs: z.coerce.number().int().min(100),
  mailLockMs: z.coerce.number().int().min(100),
  // Events to the product (src/events, src/webhooks, src/audit-streaming).
  eventsRelayIntervalMs: z.coerce.number().int().min(10),
  eventsRelayBatch: z.coerce.number().int().min(1).max(10_000),
  eventsRetentionDays: z.coerce.number().int().min(1).max(3650),
  /** false: this instance relays events but delivers no webhooks or audit batches (workers run elsewhere). */
  eventsWorker: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  webhookConcurrency: z.coerce.number().int().min(1).max(1000),
  webhookPollIntervalMs: z.coerce.number().int().min(10),
  webhookTimeoutMs: z.coerce.number().int().min(100).max(120_000),
  webhookRetryBaseMs: z.coerce.number().int().min(1),
  webhookRetryMaxDelayMs: z.coerce.number().int().min(1),
  /** How long a delivery is retried before it fails for good (at least a day outside tests). */
  webhookRetryWindowMs: z.coerce.number().int().min(1),
  /** Development and tests only: deliver to loopback, private and link-local addresses (SSRF guard off). */
  webhookAllowPrivateAddresses: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  /** Development and tests only: accept http:// webhook and sink URLs. */
  webhookAllowHttp: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
  auditSinkBatchMax: z.coerce.number().int().min(1).max(10_000),
  auditSinkFlushMs: z.coerce.number().int().min(0),
  ssoCertificateWarningDays: z.union([z.array(z.coerce.number().int().min(1).max(365)), z.string().transform((v) => v.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0))]),
});

export type Config = Readonly<z.output<typeof schema>> & { readonly publicUrl: string };

/** Environment variable → config key. Unset or empty variables leave the default. */
export const ENV: Record<string, keyof z.input<typeof schema>> = {
  PORT: 'port',
  HOST: 'host',
  DATABASE_URL: 'databaseUrl',
  DATABASE_OWNER_URL: 'databaseOwnerUrl',
  GATEHOUSE_DATA_DIR: 'embeddedDataDir',
  REDIS_URL: 'redisUrl',
  SMTP_URL: 'smtpUrl',
  MAIL_DIR: 'mailDir',
  PUBLIC_URL: 'publicUrl',
  BOOTSTRAP_TOKEN: 'bootstrapToken',
  LOG_LEVEL: 'logLevel',
  LOG_FORMAT: 'logFormat',
  BODY_LIMIT: 'bodyLimit',
  DATABASE_POOL_MAX: 'databasePoolMax',
  SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  TRUST_PROXY: 'trustProxy',
  LOGIN_POLICY_TIMEOUT_MS: 'loginPolicyTimeoutMs',
  LOGIN_POLICY_MAX_STEPS: 'loginPolicyMaxSteps',
  ENCRYPTION_KEY: 'encryptionKey',
  SESSION_TOKEN_TTL_SECONDS: 'sessionTokenTtlSeconds',
  SESSION_LIFETIME_SECONDS: 'sessionLifetimeSeconds',
  SESSION_KEY_ROTATION_DAYS: 'sessionKeyRotationDays',
  RETURN_TO_ORIGINS: 'returnToOrigins',
  CONSOLE_SESSION_IDLE_MINUTES: 'consoleSessionIdleMinutes',
  CONSOLE_SESSION_LIFETIME_MINUTES: 'consoleSessionLifetimeMinutes',
  INVITATION_EXPIRY_DAYS: 'invitationExpiryDays',
  MAIL_FROM: 'mailFrom',
  MAIL_QUEUE_PREFIX: 'mailQueuePrefix',
  MAIL_WORKER: 'mailWorker',
  MAIL_CONCURRENCY: 'mailConcurrency',
  MAIL_ATTEMPTS: 'mailAttempts',
  MAIL_BACKOFF_MS: 'mailBackoffMs',
  MAIL_ORG_RATE_LIMIT: 'mailOrgRateLimit',
  MAIL_ORG_RATE_WINDOW_MS: 'mailOrgRateWindowMs',
  MAIL_RELAY_INTERVAL_MS: 'mailRelayIntervalMs',
  MAIL_REDELIVER_AFTER_MS: 'mailRedeliverAfterMs',
  MAIL_SEND_TIMEOUT_MS: 'mailSendTimeoutMs',
  MAIL_LOCK_MS: 'mailLockMs',
  EVENTS_RELAY_INTERVAL_MS: 'eventsRelayIntervalMs',
  EVENTS_RELAY_BATCH: 'eventsRelayBatch',
  EVENTS_RETENTION_DAYS: 'eventsRetentionDays',
  EVENTS_WORKER: 'eventsWorker',
  WEBHOOK_CONCURRENCY: 'webhookConcurrency',
  WEBHOOK_POLL_INTERVAL_MS: 'webhookPollIntervalMs',
  WEBHOOK_TIMEOUT_MS: 'webhookTimeoutMs',
  WEBHOOK_RETRY_BASE_MS: 'webhookRetryBaseMs',
  WEBHOOK_RETRY_MAX_DELAY_MS: 'webhookRetryMaxDelayMs',
  WEBHOOK_RETRY_WINDOW_MS: 'webhookRetryWindowMs',
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'webhookAllowPrivateAddresses',
  WEBHOOK_ALLOW_HTTP: 'webhookAllowHttp',
  AUDIT_SINK_BATCH_MAX: 'auditSinkBatchMax',
  AUDIT_SINK_FLUSH_MS: 'auditSinkFlushMs',
  SSO_CERTIFICATE_WARNING_DAYS: 'ssoCertificateWarningDays',
};

export class ConfigError extends Error {}

function readJson(name: string): Record<string, unknown> {
  const file = configDir + name;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

/** Builds the configuration; `overrides` (used by tests) win over everything. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<z.input<typeof schema>> = {}): Config {
  const raw: Record<string, unknown> = { ...readJson('default.json') };
  if (env.NODE_ENV) Object.assign(raw, readJson(`${env.NODE_ENV}.json`));
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  Object.assign(raw, overrides);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const envName = Object.keys(ENV).find((n) => ENV[n] === key);
      return `  ${key}${envName ? ` (${envName})` : ''}: ${i.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({ ...c, publicUrl: (c.publicUrl ?? `http://localhost:${c.port}`).replace(/\/$/, '') });
}
