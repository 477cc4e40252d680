// The people (and their tokens) integration tests make, written once. Each test makes its own, so
// files sharing one PostgreSQL database never see each other's rows. Three ways in, from the
// cheapest: a users row inserted directly (no password hashing), an account made by the sign-up
// service (Argon2, the first of a database becomes its admin), a sign-up through the pages (a
// browser with a session cookie).
import { expect } from 'vitest';
import { type UserRow, users } from '../../src/db/schema/index.ts';
import type { AppError } from '../../src/domain/errors.ts';
import { createApiToken } from '../../src/services/api-tokens.ts';
import { createUser, findUserByEmail } from '../../src/services/create-user.ts';
import type { Actor } from '../../src/services/deps.ts';
import { TestBrowser } from './http-client.ts';
import { type TestApp, uniqueEmail } from './test-app.ts';

/** The password of every person the factories make: long enough for the password policy. */
export const PASSWORD = 'a calm and long passphrase';

/** Who to make: the time zone (UTC unless given) and the prefix of the unique email address. */
export type PersonOptions = { timeZone?: string; emailPrefix?: string };

type UserValues = typeof users.$inferInsert;

/** The values of a users row made at `now`: in UTC, not an admin, a password hash nobody can use. */
export function buildUserRow(now: Date, overrides: Partial<UserValues> = {}): UserValues {
  return {
    email: uniqueEmail(),
    passwordHash: 'not used',
    isAdmin: false,
    timeZone: 'UTC',
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: now,
    ...overrides,
  };
}

/** Inserts a users row directly, at the test clock's now: for tests that make many people. */
export async function insertUserRow(t: TestApp, overrides: Partial<UserValues> = {}): Promise<UserRow> {
  const [user] = await t.deps.db.insert(users).values(buildUserRow(t.clock.now(), overrides)).returning();
  return user!;
}

/** A new account made by the sign-up service, as the actor services take. */
export async function createPerson(t: TestApp, options: PersonOptions = {}): Promise<Actor> {
  const user = await createUser(t.deps, {
    email: uniqueEmail(options.emailPrefix),
    password: PASSWORD,
    timeZone: options.timeZone ?? 'UTC',
  });
  return { id: user.id, email: user.email, isAdmin: user.isAdmin };
}

/** A new person signed up through the pages: their signed-in browser, row and actor. */
export async function signUpPerson(
  t: TestApp,
  options: PersonOptions = {},
): Promise<{ browser: TestBrowser; email: string; user: UserRow; actor: Actor }> {
  const browser = new TestBrowser(t.app);
  const email = uniqueEmail(options.emailPrefix);
  await browser.signUp(email, PASSWORD, options.timeZone ?? 'UTC');
  const user = await findUserByEmail(t.deps.db, email);
  if (!user) throw new Error('sign-up did not create the user');
  return { browser, email, user, actor: { id: user.id, email: user.email, isAdmin: user.isAdmin } };
}

/** A personal access token of `actor` (read and write unless given); answers its secret. */
export async function createToken(
  t: TestApp,
  actor: Actor,
  options: { name?: string; scopes?: ('read' | 'write')[] } = {},
): Promise<string> {
  const { secret } = await createApiToken(t.deps, actor, {
    name: options.name ?? 'tests',
    scopes: options.scopes ?? ['read', 'write'],
  });
  return secret;
}

/** The AppError `promise` rejects with; fails the test if it fulfils. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => expect.unreachable('expected an error') as never,
    (error: AppError) => error,
  );
}
