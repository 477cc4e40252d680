import { eq } from 'drizzle-orm';
import { type UserRow, users } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { verifyPassword } from './passwords.ts';

/**
 * The actor's row, once they have typed their current password again: what a signed-in person
 * must do before a change that cannot be undone by whoever borrowed their device. The error names
 * `field`, the form field that holds the password. An account without a password (signed up
 * through a provider) is told to set one first. Throws 'not_found' and 'auth.wrong_password'.
 */
export async function confirmPassword(
  deps: ServiceDeps,
  actor: Actor,
  password: unknown,
  field: string,
): Promise<UserRow> {
  const user = (await deps.db.select().from(users).where(eq(users.id, actor.id)))[0];
  if (!user) throw new AppError('not_found', 'Account not found.');
  if (user.passwordHash === null) {
    // Opened through a sign-in provider: there is nothing to type yet. A mailed link sets one.
    const message =
      'Your account has no password yet. Set one first (Settings › Sign-in methods mails you a link), then confirm with it.';
    throw new AppError('auth.wrong_password', message, { fields: { [field]: message } });
  }
  if (!(await verifyPassword(user.passwordHash, String(password ?? '')))) {
    const message =
      field === 'currentPassword' ? 'Your current password is not right.' : 'Your password is not right.';
    throw new AppError('auth.wrong_password', message, { fields: { [field]: message } });
  }
  return user;
}
