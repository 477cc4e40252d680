import { focusSessions } from '../../src/db/schema/index.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import { addDays } from '../../src/domain/local-date.ts';
import type { Actor } from '../../src/services/deps.ts';
import type { ApiCaller } from './api.ts';
import { createToken, signUpPerson } from './factories.ts';
import type { TestBrowser } from './http-client.ts';
import type { TestApp } from './test-app.ts';

type SessionValues = Partial<Omit<typeof focusSessions.$inferInsert, 'id' | 'userId' | 'localDate' | 'slot'>>;

/** Stores whole days (four slots each, as the database requires), slots shaped by `slotOf`. */
export async function insertDays(
  t: TestApp,
  userId: string,
  firstDate: string,
  days: number,
  slotOf: (date: string, slot: 1 | 2 | 3 | 4) => SessionValues = () => ({}),
): Promise<void> {
  const rows: (typeof focusSessions.$inferInsert)[] = [];
  for (let d = 0; d < days; d += 1) {
    const date = addDays(firstDate, d);
    for (const slot of [1, 2, 3, 4] as const)
      rows.push({
        id: sessionIdFor(userId, date, slot),
        userId,
        localDate: date,
        slot,
        plannedMinutes: 45,
        updatedAt: new Date(`${date}T18:00:00Z`),
        ...slotOf(date, slot),
      });
  }
  await t.deps.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000)
      await tx.insert(focusSessions).values(rows.slice(i, i + 1000));
  });
}

/** A completed session's stored facts: started at 08:00 UTC, `minutes` of focus. */
export function completed(date: string, minutes: number, extra: SessionValues = {}): SessionValues {
  return {
    state: 'completed',
    startedAt: new Date(`${date}T08:00:00Z`),
    endedAt: new Date(Date.parse(`${date}T08:00:00Z`) + minutes * 60_000),
    accumulatedMs: minutes * 60_000,
    focusSeconds: minutes * 60,
    overtimeSeconds: 0,
    version: 3,
    ...extra,
  };
}

/** A signed-in person with a browser, and the same person as a service actor. */
export async function signedInPerson(
  t: TestApp,
  timeZone = 'UTC',
): Promise<{ browser: TestBrowser; actor: Actor }> {
  const { browser, actor } = await signUpPerson(t, { timeZone, emailPrefix: 'export' });
  return { browser, actor };
}

/** An API caller for someone who already exists (e.g. signed up on the pages), with a read token. */
export async function apiCallerFor(t: TestApp, actor: Actor): Promise<ApiCaller> {
  const secret = await createToken(t, actor);
  return {
    userId: actor.id,
    email: actor.email,
    token: secret,
    async call(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${secret}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return t.app.request(`http://localhost/api/v1${path}`, { ...init, headers, body });
    },
  };
}
