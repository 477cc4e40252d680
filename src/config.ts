import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { checkSettings, problemsOf, type SafetySettings } from './production-checks.ts';

/**
 * The only reader of process.env. Every setting is validated at boot; all problems are reported
 * together so an operator fixes them in one go.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** `https://host[:port]` and nothing more: no path, no wildcard, no `null`. */
function isOrigin(value: string): boolean {
  if (!/^https?:\/\/[^/?#*]+$/i.test(value)) return false;
  try {
    return new URL(value).origin === value.toLowerCase();
  } catch {
    return false;
  }
}

/** A VAPID subject push services accept: `mailto:someone@host` or an `https://` URL. */
function isVapidSubject(value: string): boolean {
  if (/^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== 'localhost';
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Behind PgBouncer (transaction pooling): PostgreSQL itself, for LISTEN, pg-boss and migrations.
  DATABASE_LISTEN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  SECRET: z.string().optional(),
  ALLOW_SIGNUP: booleanFlag.default(true),
  ALLOW_EMBEDDED_IN_PRODUCTION: booleanFlag.default(false),
  MIGRATE_ON_START: booleanFlag.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Deepsheet <deepsheet@localhost>'),
  TRUST_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a header name such as X-Forwarded-For')
    .optional(),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const origins = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      for (const origin of origins) {
        if (!isOrigin(origin))
          ctx.addIssue({
            code: 'custom',
            message: `"${origin}" is not an origin such as https://app.example.com`,
          });
      }
      return origins.map((origin) => origin.toLowerCase());
    }),
  CLOCK: z.enum(['system', 'manual']).default('system'),
  API_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Requests per minute through the API, per token (or signed-in person) and per client address.
  API_RATE_LIMIT_PER_CALLER: z.coerce.number().int().min(1).max(1_000_000).default(600),
  API_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  // Failed sign-ins allowed: per account from one address and per address (15 minutes), per account (hour).
  SIGN_IN_RATE_LIMIT_PER_ACCOUNT_AND_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(10),
  SIGN_IN_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  SIGN_IN_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).max(100_000).default(200),
  JOB_RETRY_AFTER_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  // Webhooks (issue 15): lets endpoints on loopback and private addresses (and plain http) through.
  WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  // Slack (issue 15): OAuth is offered when both are set; the URLs are overridable for tests.
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api'),
  SLACK_AUTHORIZE_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/oauth/v2/authorize'),
  // Sign in with GitHub, Google or an OpenID Connect provider (issue 16): each is offered when its
  // client id and secret are both set; the GitHub URLs and the Google issuer are overridable for tests.
  OAUTH_GITHUB_CLIENT_ID: z.string().min(1).optional(),
  OAUTH_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  OAUTH_GITHUB_URL: z.url({ protocol: /^https?$/ }).default('https://github.com'),
  OAUTH_GITHUB_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.github.com'),
  OAUTH_GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  OAUTH_GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  OAUTH_GOOGLE_ISSUER: z.url({ protocol: /^https?$/ }).default('https://accounts.google.com'),
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().trim().min(1).max(40).default('Single sign-on'),
  // Whether a provider sign-in skips our second factor (the provider enforces its own MFA).
  OAUTH_TRUST_PROVIDER_MFA: booleanFlag.default(false),
  // Web Push (issue 16): all three or none; without them a key pair is generated once and kept.
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be an uncompressed P-256 public key, 65 bytes in base64url')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key, 32 bytes in base64url')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .refine(isVapidSubject, 'must be a mailto: address or an https: URL that push services can reach you at')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Metrics (issue 18): /metrics on the app's port behind a bearer token, or on a port of its own.
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)').optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  // OpenTelemetry: request spans to this OTLP/HTTP collector (e.g. http://otel-collector:4318).
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(100).default('deepsheet'),
});

/** Every setting Deepsheet reads (deploy files are checked against this list). */
export const SETTING_NAMES: readonly string[] = Object.keys(EnvSchema.shape);

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  host: string;
  port: number;
  dataDir: string;
  database:
    | { kind: 'embedded'; dataDir: string }
    | {
        kind: 'postgres';
        url: string;
        poolSize: number;
        /** DATABASE_LISTEN_URL: PostgreSQL directly, when `url` is a pooler. */
        listenUrl: string | undefined;
        /** DATABASE_PREPARED_STATEMENTS=false sends every statement unnamed (PgBouncer < 1.21). */
        namedStatements: boolean;
      };
  appUrl: string | undefined;
  secret: string;
  /** Where `secret` came from; 'none' only when loaded for a report that must not refuse. */
  secretSource: 'environment' | 'file' | 'none';
  allowEmbeddedInProduction: boolean;
  /** Whether the server (and commands) apply pending migrations when they open the database. */
  migrateOnStart: boolean;
  allowSignup: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  trustProxyHeader: string | undefined;
  /** Origins whose pages may call the API from a browser (with a token, never with cookies). */
  corsOrigins: string[];
  manualClock: boolean;
  logLevel: string;
  apiLogRetentionDays: number;
  /** API requests per minute a token (or signed-in person) and an address may make; never off. */
  apiRateLimits: { perCaller: number; perAddress: number };
  /** Failed password sign-ins allowed before 429 (windows in LOGIN_RULES); never off. */
  signInRateLimits: { perAccountAndAddress: number; perAddress: number; perAccount: number };
  /** How long a background export whose worker stopped (crash, SIGKILL) waits before it runs again. */
  jobRetryAfterSeconds: number;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks may reach loopback/private addresses and use plain http. */
  webhookAllowPrivate: boolean;
  /** Slack focus status: the API's base URL, and OAuth when a client id and secret are set. */
  slack: SlackConfig;
  /** Where Prometheus reads /metrics; neither set means nowhere (it is never public by default). */
  metrics: { token: string | undefined; port: number | undefined; host: string };
  /** OTEL_EXPORTER_OTLP_ENDPOINT: where request spans go; undefined sends none. */
  tracing: { endpoint: string | undefined; serviceName: string };
  /** Sign-in providers that are configured (both halves of their client pair set). */
  signInProviders: SignInProvidersConfig;
  /** VAPID keys from the environment; undefined: a pair generated once (see web-push/vapid-keys.ts). */
  vapid: VapidKeys | undefined;
};

export type OAuthClient = { clientId: string; clientSecret: string };
export type SignInProvidersConfig = {
  github: (OAuthClient & { url: string; apiUrl: string }) | undefined;
  google: (OAuthClient & { issuer: string }) | undefined;
  oidc: (OAuthClient & { issuer: string; name: string }) | undefined;
  /** OAUTH_TRUST_PROVIDER_MFA: a provider sign-in does not ask for our second factor. */
  trustProviderMfa: boolean;
};

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

export type SlackConfig = {
  apiUrl: string;
  authorizeUrl: string;
  oauth: { clientId: string; clientSecret: string } | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Deepsheet cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the secret from SECRET, or from DATA_DIR/secret, creating that file on first start. */
function resolveSecret(
  envSecret: string | undefined,
  dataDir: string,
  mayGenerate: boolean,
): string | undefined {
  if (envSecret) return envSecret;
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!mayGenerate) return undefined;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Written aside and linked into place, so that a second process starting at the same moment
  // either finds no file or the complete one, and both end up with the same secret.
  const content = `${randomBytes(32).toString('base64url')}\n`;
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, content, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      writeFileSync(file, content, { mode: 0o600, flag: 'wx' }); // no hard links on this file system
    } else if (code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8').trim();
}

/** The settings the production checks read (src/production-checks.ts), from a loaded config. */
export function safetySettingsOf(config: Config): SafetySettings {
  return {
    secret: config.secretSource === 'environment' ? config.secret : undefined,
    appUrl: config.appUrl,
    databaseKind: config.database.kind,
    allowEmbedded: config.allowEmbeddedInProduction,
    manualClock: config.manualClock,
  };
}

/**
 * Builds the configuration from an environment. In production it refuses, listing every problem,
 * whatever src/production-checks.ts finds in the settings: a missing or weak secret, a non-HTTPS
 * APP_URL, the embedded database without ALLOW_EMBEDDED_IN_PRODUCTION, the manual clock.
 * `refuseUnsafe: false` loads anyway, for `serve` (which adds the database's checks to the same
 * message) and `doctor --production` (which reports them); the secret is then a throwaway one
 * when none is set.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
  options: { refuseUnsafe?: boolean } = {},
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const pairProblems = signInProviderProblems(e);
  if (pairProblems.length > 0) throw new ConfigError(pairProblems);
  const vapidSet = [e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY, e.VAPID_SUBJECT].filter(Boolean).length;
  if (vapidSet !== 0 && vapidSet !== 3) {
    throw new ConfigError([
      'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT: set all three or none (none: a key pair is generated once)',
    ]);
  }
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(cwd, e.DATA_DIR);

  if (isProduction && (options.refuseUnsafe ?? true)) {
    const problems = problemsOf(
      checkSettings({
        secret: e.SECRET,
        appUrl: e.APP_URL,
        databaseKind: e.DATABASE_URL ? 'postgres' : 'embedded',
        allowEmbedded: e.ALLOW_EMBEDDED_IN_PRODUCTION,
        manualClock: e.CLOCK === 'manual',
      }),
    );
    if (problems.length > 0) throw new ConfigError(problems);
  }

  // Production takes the secret from the environment only; elsewhere one is generated once.
  let secret: string | undefined = e.SECRET;
  let secretSource: Config['secretSource'] = 'environment';
  if (!secret && !isProduction) {
    secret = resolveSecret(undefined, dataDir, true);
    secretSource = 'file';
  }
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    secretSource = 'none';
  }
  if (!isProduction && secret.length < 16) throw new ConfigError(['SECRET: at least 16 characters']);

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolSize: e.DATABASE_POOL_SIZE,
          listenUrl: e.DATABASE_LISTEN_URL,
          namedStatements: e.DATABASE_PREPARED_STATEMENTS,
        }
      : { kind: 'embedded', dataDir: join(dataDir, 'pg') },
    appUrl: e.APP_URL?.replace(/\/+$/, ''),
    secret,
    secretSource,
    allowEmbeddedInProduction: e.ALLOW_EMBEDDED_IN_PRODUCTION,
    migrateOnStart: e.MIGRATE_ON_START,
    allowSignup: e.ALLOW_SIGNUP,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    trustProxyHeader: e.TRUST_PROXY_HEADER?.toLowerCase(),
    corsOrigins: e.CORS_ORIGINS,
    manualClock: e.CLOCK === 'manual',
    logLevel: e.LOG_LEVEL,
    apiLogRetentionDays: e.API_LOG_RETENTION_DAYS,
    jobRetryAfterSeconds: e.JOB_RETRY_AFTER_SECONDS,
    apiRateLimits: { perCaller: e.API_RATE_LIMIT_PER_CALLER, perAddress: e.API_RATE_LIMIT_PER_ADDRESS },
    signInRateLimits: {
      perAccountAndAddress: e.SIGN_IN_RATE_LIMIT_PER_ACCOUNT_AND_ADDRESS,
      perAddress: e.SIGN_IN_RATE_LIMIT_PER_ADDRESS,
      perAccount: e.SIGN_IN_RATE_LIMIT_PER_ACCOUNT,
    },
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    slack: {
      apiUrl: e.SLACK_API_URL.replace(/\/+$/, ''),
      authorizeUrl: e.SLACK_AUTHORIZE_URL,
      oauth:
        e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET
          ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET }
          : undefined,
    },
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    tracing: { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
    vapid:
      e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY && e.VAPID_SUBJECT
        ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT }
        : undefined,
    signInProviders: signInProvidersOf(e),
  };
}

type Env = z.infer<typeof EnvSchema>;

/**
 * Half a provider configured is a mistake to say at start, not a button that fails later; so is
 * a plain-http issuer in production (its id_tokens would travel unprotected).
 */
function signInProviderProblems(e: Env): string[] {
  const groups: [string, Record<string, string | undefined>][] = [
    [
      'GitHub sign-in',
      {
        OAUTH_GITHUB_CLIENT_ID: e.OAUTH_GITHUB_CLIENT_ID,
        OAUTH_GITHUB_CLIENT_SECRET: e.OAUTH_GITHUB_CLIENT_SECRET,
      },
    ],
    [
      'Google sign-in',
      {
        OAUTH_GOOGLE_CLIENT_ID: e.OAUTH_GOOGLE_CLIENT_ID,
        OAUTH_GOOGLE_CLIENT_SECRET: e.OAUTH_GOOGLE_CLIENT_SECRET,
      },
    ],
    [
      'OpenID Connect sign-in',
      {
        OIDC_ISSUER: e.OIDC_ISSUER,
        OIDC_CLIENT_ID: e.OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET,
      },
    ],
  ];
  const problems: string[] = [];
  for (const [what, keys] of groups) {
    const missing = Object.keys(keys).filter((key) => !keys[key]);
    if (missing.length > 0 && missing.length < Object.keys(keys).length) {
      const set = Object.keys(keys).filter((key) => keys[key]);
      problems.push(`${missing.join(', ')}: ${what} needs it too (${set.join(', ')} is set)`);
    }
  }
  if (e.NODE_ENV === 'production') {
    for (const [key, value] of [
      ['OIDC_ISSUER', e.OIDC_ISSUER],
      ['OAUTH_GOOGLE_ISSUER', e.OAUTH_GOOGLE_ISSUER],
      ['OAUTH_GITHUB_URL', e.OAUTH_GITHUB_URL],
      ['OAUTH_GITHUB_API_URL', e.OAUTH_GITHUB_API_URL],
    ] as const) {
      if (value?.startsWith('http:')) problems.push(`${key}: must be an https:// address in production`);
    }
  }
  return problems;
}

function signInProvidersOf(e: Env): SignInProvidersConfig {
  const trim = (url: string) => url.replace(/\/+$/, '');
  return {
    github:
      e.OAUTH_GITHUB_CLIENT_ID && e.OAUTH_GITHUB_CLIENT_SECRET
        ? {
            clientId: e.OAUTH_GITHUB_CLIENT_ID,
            clientSecret: e.OAUTH_GITHUB_CLIENT_SECRET,
            url: trim(e.OAUTH_GITHUB_URL),
            apiUrl: trim(e.OAUTH_GITHUB_API_URL),
          }
        : undefined,
    google:
      e.OAUTH_GOOGLE_CLIENT_ID && e.OAUTH_GOOGLE_CLIENT_SECRET
        ? {
            clientId: e.OAUTH_GOOGLE_CLIENT_ID,
            clientSecret: e.OAUTH_GOOGLE_CLIENT_SECRET,
            issuer: e.OAUTH_GOOGLE_ISSUER,
          }
        : undefined,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            issuer: e.OIDC_ISSUER,
            name: e.OIDC_NAME,
          }
        : undefined,
    trustProviderMfa: e.OAUTH_TRUST_PROVIDER_MFA,
  };
}
