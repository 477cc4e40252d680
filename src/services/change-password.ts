import { eq } from 'drizzle-orm';
import { users } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { deleteOtherAuthSessions } from './auth-sessions.ts';
import { setUserPassword } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { verifyPassword } from './passwords.ts';

/**
 * Changes the actor's password after checking the current one, and signs out every other device
 * (every device, when the change comes through an API token).
 * Throws 'auth.wrong_password' and 'validation'.
 */
export async function changePassword(
  deps: ServiceDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentSessionId: string | undefined,
): Promise<void> {
  const user = (await deps.db.select().from(users).where(eq(users.id, actor.id)))[0];
  if (!user) throw new AppError('not_found', 'Account not found.');
  if (!(await verifyPassword(user.passwordHash, String(input.currentPassword ?? '')))) {
    throw new AppError('auth.wrong_password', 'Your current password is not right.', {
      fields: { currentPassword: 'Your current password is not right.' },
    });
  }
  await deps.db.transaction(async (tx) => {
    await setUserPassword(deps, tx, user, String(input.newPassword ?? ''));
    await deleteOtherAuthSessions(tx, user.id, currentSessionId);
  });
}
