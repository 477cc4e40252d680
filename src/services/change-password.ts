import { deleteTwoFactorChallenges } from '../db/stores/two-factor-store.ts';
import { deleteOtherAuthSessions } from './auth-sessions.ts';
import { confirmPassword } from './confirm-password.ts';
import { setUserPassword } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';

/**
 * Changes the actor's password after checking the current one, and signs out every other device
 * (every device, when the change comes through an API token), including sign-ins still waiting for
 * their second factor.
 * Throws 'auth.wrong_password' and 'validation'.
 */
export async function changePassword(
  deps: ServiceDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentSessionId: string | undefined,
): Promise<void> {
  const user = await confirmPassword(deps, actor, input.currentPassword, 'currentPassword');
  await deps.db.transaction(async (tx) => {
    await setUserPassword(deps, tx, user, String(input.newPassword ?? ''));
    await deleteOtherAuthSessions(tx, user.id, currentSessionId);
    await deleteTwoFactorChallenges(tx, user.id);
  });
}
