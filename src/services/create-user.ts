import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, queryRows } from '../db/client.ts';
import { type UserRow, users } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { EmailField, TimeZoneField } from '../domain/fields.ts';
import { passwordProblem } from '../domain/password-policy.ts';
import type { ServiceDeps } from './deps.ts';
import { hashPassword } from './passwords.ts';

export const NewUserInput = z.object({
  email: EmailField,
  password: z.string().max(1000, 'Use at most 128 characters.'),
  timeZone: TimeZoneField.optional().default('UTC'),
});
export type NewUserInput = z.input<typeof NewUserInput>;

/** Turns zod issues into one message per field, for forms and problem documents alike. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError('validation', 'Please check the highlighted fields.', {
      fields: fieldErrorsOf(parsed.error),
    });
  return parsed.data;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return rows[0];
}

/**
 * Creates an account. The first account of an instance becomes its admin; an advisory lock keeps
 * two simultaneous first sign-ups from both becoming admin.
 * Throws 'validation' for bad input and 'conflict' when the email is taken.
 */
export async function createUser(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  input: NewUserInput,
): Promise<UserRow> {
  const data = parseOrThrow(NewUserInput, input);
  const problem = passwordProblem(data.password, data.email);
  if (problem) throw new AppError('validation', problem, { fields: { password: problem } });
  const passwordHash = await hashPassword(data.password);
  return insertNewUser(deps, {
    email: data.email,
    timeZone: data.timeZone,
    passwordHash,
    emailVerifiedAt: null,
  });
}

/**
 * Opens an account for a person a sign-in provider vouched for: no password (they may set one
 * later through a mailed link), the email verified by the provider. Throws 'conflict' when taken.
 */
export async function createProviderUser(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  input: { email: string; timeZone: string },
): Promise<UserRow> {
  const email = EmailField.safeParse(input.email);
  if (!email.success) throw new AppError('validation', 'The provider gave an email address we cannot use.');
  const timeZone = TimeZoneField.safeParse(input.timeZone);
  return insertNewUser(deps, {
    email: email.data,
    timeZone: timeZone.success ? timeZone.data : 'UTC',
    passwordHash: null,
    emailVerifiedAt: deps.clock.now(),
  });
}

async function insertNewUser(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  values: { email: string; timeZone: string; passwordHash: string | null; emailVerifiedAt: Date | null },
): Promise<UserRow> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(4172026002)`);
    if (await findUserByEmail(tx, values.email)) {
      throw new AppError('conflict', 'An account with these details cannot be created.');
    }
    const existing = await queryRows<{ any: boolean }>(tx, sql`select exists(select 1 from users) as any`);
    const isFirst = !existing[0]?.any;
    const inserted = await tx
      .insert(users)
      .values({
        ...values,
        isAdmin: isFirst,
        createdAt: now,
        updatedAt: now,
        passwordChangedAt: now,
      })
      .returning();
    return inserted[0]!;
  });
}

/** Sets a new password (operator command and reset). Validates the password policy. */
export async function setUserPassword(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  db: Executor,
  user: Pick<UserRow, 'id' | 'email'>,
  password: string,
): Promise<void> {
  const problem = passwordProblem(password, user.email);
  if (problem) throw new AppError('validation', problem, { fields: { password: problem } });
  const now = deps.clock.now();
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: now, updatedAt: now })
    .where(eq(users.id, user.id));
}
