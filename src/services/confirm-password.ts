import { eq } from 'drizzle-orm';
import { type UserRow, users } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { verifyPassword } from './passwords.ts';

/**
 * The actor's row, once they have typed their current password again: what a signed-in person
 * must do before a change that cannot be undone by whoever borrowed their device. The error names
 * `field`, the form field that holds the password. Throws 'not_found' and 'auth.wrong_password'.
 */
export async function confirmPassword(
  deps: ServiceDeps,
  actor: Actor,
  password: unknown,
  field: string,
): Promise<UserRow> {
  const user = (await deps.db.select().from(users).where(eq(users.id, actor.id)))[0];
  if (!user) throw new AppError('not_found', 'Account not found.');
  if (!(await verifyPassword(user.passwordHash, String(password ?? '')))) {
    const message =
      field === 'currentPassword' ? 'Your current password is not right.' : 'Your password is not right.';
    throw new AppError('auth.wrong_password', message, { fields: { [field]: message } });
  }
  return user;
}
