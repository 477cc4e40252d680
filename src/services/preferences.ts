import { eq } from 'drizzle-orm';
import { type UserRow, users } from '../db/schema/index.ts';
import { AppError } from '../domain/errors.ts';
import { preferencesUpdated } from '../domain/events.ts';
import { type Preferences, PreferencesInput, type PreferencesPatch } from '../domain/inputs/preferences.ts';
import { recordEvent } from '../realtime/events.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { queueInsightsRecompute } from './queue-insights.ts';

export function preferencesOf(user: UserRow): Preferences {
  return {
    timeZone: user.timeZone,
    sessionLengthMinutes: user.sessionLengthMinutes,
    weeklyFocusTargetMinutes: user.weeklyFocusTargetMinutes,
    weekStart: user.weekStart,
    theme: user.theme,
  };
}

/** The actor's row: the one their request's authentication already read, or a fresh read. */
export async function getUser(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<UserRow> {
  if (actor.user && actor.user.id === actor.id) return actor.user;
  const user = (await deps.db.select().from(users).where(eq(users.id, actor.id)))[0];
  if (!user) throw new AppError('not_found', 'Account not found.');
  return user;
}

/**
 * Updates the actor's preferences and tells their open devices; unknown keys are ignored and
 * missing ones keep their value.
 * Throws 'validation' with a message per field.
 */
export async function updatePreferences(
  deps: ServiceDeps,
  actor: Actor,
  input: PreferencesPatch,
): Promise<Preferences> {
  const current = preferencesOf(await getUser(deps, actor));
  const merged = {
    ...current,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  };
  const next = parseOrThrow(PreferencesInput, merged);
  const now = deps.clock.now();
  const saved = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({ ...next, updatedAt: now })
      .where(eq(users.id, actor.id))
      .returning();
    const saved = preferencesOf(rows[0]!);
    await recordEvent(tx, { userId: actor.id, at: now, event: preferencesUpdated(saved) });
    return saved;
  });
  // The target, time zone and first day of the week all shape the insights.
  queueInsightsRecompute(deps, actor.id);
  return saved;
}
