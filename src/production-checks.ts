/**
 * The checks that decide whether Deepsheet may run in production. The server refuses to start
 * when one fails (listing all of them at once) and `deepsheet doctor --production` prints them
 * line by line. Settings are checked here, from the environment alone; the database's own
 * settings (fsync, synchronous_commit, migrations) in src/db/database-checks.ts.
 */

/** One line of the report: `problem` is the refusal text, `detail` what a passing check found. */
export type CheckResult =
  | { name: string; ok: true; detail: string }
  | { name: string; ok: false; problem: string };

/** What the settings checks read. `secret` is SECRET from the environment, never a generated one. */
export type SafetySettings = {
  secret: string | undefined;
  appUrl: string | undefined;
  databaseKind: 'embedded' | 'postgres';
  allowEmbedded: boolean;
  manualClock: boolean;
};

const PLACEHOLDER_SECRETS = ['changeme', 'change-me', 'secret', 'password', 'deepsheet', 'xxxxxxxx'];
export const MIN_SECRET_LENGTH = 32;

export function isWeakSecret(secret: string): boolean {
  const lower = secret.toLowerCase();
  return (
    secret.length < MIN_SECRET_LENGTH ||
    PLACEHOLDER_SECRETS.some((p) => lower.includes(p)) ||
    new Set(secret).size < 8
  );
}

function pass(name: string, detail: string): CheckResult {
  return { name, ok: true, detail };
}

function fail(name: string, problem: string): CheckResult {
  return { name, ok: false, problem };
}

/**
 * The checks that need only the settings. Two are constant by design and listed so the report
 * says so: rate-limit counters always live in the database (shared by every instance; there is no
 * in-memory mode to misconfigure), and the security headers cannot be turned off.
 */
export function checkSettings(s: SafetySettings): CheckResult[] {
  const checks: CheckResult[] = [];
  if (!s.secret)
    checks.push(fail('SECRET', 'SECRET: required in production (at least 32 random characters)'));
  else if (isWeakSecret(s.secret))
    checks.push(fail('SECRET', 'SECRET: too short or a placeholder; use 32+ random characters'));
  else checks.push(pass('SECRET', `SECRET: set (${s.secret.length} characters)`));

  if (!s.appUrl)
    checks.push(
      fail('APP_URL', 'APP_URL: required in production, for example https://deepsheet.example.com'),
    );
  else if (!s.appUrl.startsWith('https://'))
    checks.push(fail('APP_URL', 'APP_URL: must use https:// in production'));
  else checks.push(pass('APP_URL', `APP_URL: ${s.appUrl}`));

  if (s.databaseKind === 'postgres') checks.push(pass('DATABASE_URL', 'DATABASE_URL: PostgreSQL'));
  else if (s.allowEmbedded)
    checks.push(
      pass(
        'DATABASE_URL',
        'DATABASE_URL: unset; the embedded database, allowed by ALLOW_EMBEDDED_IN_PRODUCTION',
      ),
    );
  else
    checks.push(
      fail(
        'DATABASE_URL',
        'DATABASE_URL: production needs PostgreSQL; set ALLOW_EMBEDDED_IN_PRODUCTION=true to run on the embedded database anyway',
      ),
    );

  if (s.manualClock) checks.push(fail('CLOCK', 'CLOCK: manual is for tests and refused in production'));
  else checks.push(pass('CLOCK', 'CLOCK: system time'));

  checks.push(
    pass('Rate limits', 'Rate limits: counted in the database, so every instance shares the same counts'),
  );
  checks.push(pass('Security headers', 'Security headers: always sent (no setting turns them off)'));
  return checks;
}

export function problemsOf(checks: CheckResult[]): string[] {
  return checks.flatMap((check) => (check.ok ? [] : [check.problem]));
}

/** `doctor --production`: one line per check, ok or FAIL first so a reader can scan them. */
export function formatChecks(checks: CheckResult[]): string[] {
  return checks.map((check) => (check.ok ? `  ok    ${check.detail}` : `  FAIL  ${check.problem}`));
}
