import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every setting is validated at boot; all problems are reported
 * together so an operator fixes them in one go.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

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
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  SECRET: z.string().optional(),
  ALLOW_SIGNUP: booleanFlag.default(true),
  ALLOW_EMBEDDED_IN_PRODUCTION: booleanFlag.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Deepsheet <deepsheet@localhost>'),
  TRUST_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a header name such as X-Forwarded-For')
    .optional(),
  CLOCK: z.enum(['system', 'manual']).default('system'),
  API_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  host: string;
  port: number;
  dataDir: string;
  database: { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  appUrl: string | undefined;
  secret: string;
  allowSignup: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  trustProxyHeader: string | undefined;
  manualClock: boolean;
  logLevel: string;
  apiLogRetentionDays: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Deepsheet cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const PLACEHOLDER_SECRETS = ['changeme', 'change-me', 'secret', 'password', 'deepsheet', 'xxxxxxxx'];
const MIN_SECRET_LENGTH = 32;

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

export function isWeakSecret(secret: string): boolean {
  const lower = secret.toLowerCase();
  return (
    secret.length < MIN_SECRET_LENGTH ||
    PLACEHOLDER_SECRETS.some((p) => lower.includes(p)) ||
    new Set(secret).size < 8
  );
}

/**
 * Builds the configuration from an environment. In production it refuses a missing or weak secret,
 * a non-HTTPS APP_URL, and the embedded database unless ALLOW_EMBEDDED_IN_PRODUCTION is set.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(cwd, e.DATA_DIR);
  const problems: string[] = [];

  if (isProduction) {
    if (!e.SECRET) problems.push('SECRET: required in production (at least 32 random characters)');
    else if (isWeakSecret(e.SECRET))
      problems.push('SECRET: too short or a placeholder; use 32+ random characters');
    if (!e.APP_URL)
      problems.push('APP_URL: required in production, for example https://deepsheet.example.com');
    else if (!e.APP_URL.startsWith('https://')) problems.push('APP_URL: must use https:// in production');
    if (!e.DATABASE_URL && !e.ALLOW_EMBEDDED_IN_PRODUCTION)
      problems.push(
        'DATABASE_URL: production needs PostgreSQL; set ALLOW_EMBEDDED_IN_PRODUCTION=true to run on the embedded database anyway',
      );
    if (e.CLOCK === 'manual') problems.push('CLOCK: manual is for tests and refused in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const secret = resolveSecret(e.SECRET, dataDir, !isProduction);
  if (!secret) throw new ConfigError(['SECRET: missing']);
  if (!isProduction && secret.length < 16) throw new ConfigError(['SECRET: at least 16 characters']);

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'embedded', dataDir: join(dataDir, 'pg') },
    appUrl: e.APP_URL?.replace(/\/+$/, ''),
    secret,
    allowSignup: e.ALLOW_SIGNUP,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    trustProxyHeader: e.TRUST_PROXY_HEADER?.toLowerCase(),
    manualClock: e.CLOCK === 'manual',
    logLevel: e.LOG_LEVEL,
    apiLogRetentionDays: e.API_LOG_RETENTION_DAYS,
  };
}
