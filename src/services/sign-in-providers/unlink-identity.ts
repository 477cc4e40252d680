import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { countIdentities, deleteIdentity, listIdentities } from '../../db/stores/identity-store.ts';
import { AppError } from '../../domain/errors.ts';
import { canUnlinkIdentity } from '../../domain/identity-linking.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

/**
 * Unlinks one of the actor's providers, unless it is their last way in (no password and no other
 * provider). The row is locked with the account, so two unlinks at once cannot both pass.
 * Throws 'not_found' (not theirs) and 'conflict' (the last way in).
 */
export async function unlinkIdentity(deps: ServiceDeps, actor: Actor, identityId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(identityId)) throw new AppError('not_found', 'Sign-in method not found.');
  await deps.db.transaction(async (tx) => {
    const user = (await tx.select().from(users).where(eq(users.id, actor.id)).for('update'))[0];
    if (!user) throw new AppError('not_found', 'Account not found.');
    const identityCount = await countIdentities(tx, actor.id);
    const owns = (await listIdentities(tx, actor.id)).some((identity) => identity.id === identityId);
    if (!owns) throw new AppError('not_found', 'Sign-in method not found.');
    if (!canUnlinkIdentity({ hasPassword: user.passwordHash !== null, identityCount }))
      throw new AppError(
        'conflict',
        'This is your only way to sign in. Set a password or link another provider before unlinking it.',
      );
    await deleteIdentity(tx, actor.id, identityId);
  });
}
