import { deletePasskeyOf, listPasskeysOf } from '../../db/stores/passkey-store.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor, ServiceDeps } from '../deps.ts';

export type PasskeyView = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  isSynced: boolean;
};

/** The actor's passkeys, oldest first. */
export async function listPasskeys(deps: ServiceDeps, actor: Actor): Promise<PasskeyView[]> {
  const rows = await listPasskeysOf(deps.db, actor.id);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    isSynced: row.deviceType === 'multiDevice',
  }));
}

/**
 * Removes one of the actor's passkeys: it no longer signs in. Another person's passkey, like an
 * unknown one, is not found ('not_found').
 */
export async function removePasskey(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  if (!(await deletePasskeyOf(deps.db, actor.id, id.slice(0, 1400)))) {
    throw new AppError('not_found', 'You have no passkey with that id.');
  }
  deps.logger.info({ event: 'passkey.removed', userId: actor.id }, 'passkey removed');
}
