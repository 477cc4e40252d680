// Writes benchmark data straight into a database with Drizzle and the app's own services, before
// (embedded) or beside (PostgreSQL) the server under test.

import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../../src/clock.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import {
  contextSwitches,
  focusSessions,
  projects,
  sessionTasks,
  tasks,
  type UserRow,
  users,
} from '../../src/db/schema/index.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import { type LocalDate, localDateOf } from '../../src/domain/local-date.ts';
import { createApiToken } from '../../src/services/api-tokens.ts';
import { changeSession } from '../../src/services/change-session.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { createJobSender } from '../../src/services/job-sender.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { generateHistory, type History, type HistoryOptions } from './history.ts';
import type { DbMode } from './server.ts';

export const TIME_ZONE = 'Europe/Berlin';
export const PASSWORD = 'a long bench password, not a real one';

export type SeedTarget = { mode: DbMode; dataDir: string; databaseUrl?: string };

/** Opens the database the server will use (migrated), for writing seed data. */
export async function openSeedDatabase(target: SeedTarget): Promise<Database> {
  const database =
    target.mode === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: target.databaseUrl!, poolSize: 4 })
      : await openDatabase({ kind: 'embedded', dataDir: join(target.dataDir, 'pg') });
  await migrateDatabase(database);
  return database;
}

/** Just enough of ServiceDeps for the services the seed calls (no mail, no config reads). */
export function seedDeps(database: Database): ServiceDeps {
  return {
    db: database.db,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    config: {} as ServiceDeps['config'],
    mailer: {} as ServiceDeps['mailer'],
    jobs: createJobSender(pino({ level: 'silent' })),
  };
}

let passwordHash: Promise<string> | undefined;

/** Users `<prefix>-<n>@bench.local`, all with PASSWORD (hashed once). */
export async function insertUsers(database: Database, prefix: string, count: number): Promise<UserRow[]> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const now = new Date();
  return database.db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, n) => ({
        email: `${prefix}-${n}@bench.local`,
        passwordHash: hash,
        timeZone: TIME_ZONE,
        createdAt: now,
        updatedAt: now,
        passwordChangedAt: now,
      })),
    )
    .returning();
}

export async function createTokens(database: Database, user: UserRow, count: number): Promise<string[]> {
  const deps = seedDeps(database);
  const secrets: string[] = [];
  for (let n = 0; n < count; n++) {
    const { secret } = await createApiToken(
      deps,
      { id: user.id, email: user.email, isAdmin: user.isAdmin },
      { name: `bench ${n}`, scopes: ['read', 'write'] },
    );
    secrets.push(secret);
  }
  return secrets;
}

export function todayOf(user: Pick<UserRow, 'timeZone'>): LocalDate {
  return localDateOf(new Date(), user.timeZone);
}

/**
 * Today's sheet as a person has it mid-morning: goals on all four slots, the first session done,
 * the second running (unless `isRunning` is false: goals only). Goes through changeSession, so the rows and events are the app's own.
 */
export async function planToday(
  database: Database,
  user: UserRow,
  options = { isRunning: true },
): Promise<void> {
  const deps = seedDeps(database);
  const actor = { id: user.id, email: user.email, isAdmin: user.isAdmin };
  const today = todayOf(user);
  const goals = [
    'Write the quarterly plan',
    'Fix the sync bug in the parser',
    'Review two pull requests',
    'Inbox and invoices',
  ];
  for (const [index, goal] of goals.entries()) {
    const slot = (index + 1) as 1 | 2 | 3 | 4;
    await changeSession(deps, actor, sessionIdFor(user.id, today, slot), { edit: { goal } });
  }
  if (!options.isRunning) return;
  await changeSession(deps, actor, sessionIdFor(user.id, today, 1), { action: 'start' });
  await changeSession(deps, actor, sessionIdFor(user.id, today, 1), { action: 'complete' });
  await changeSession(deps, actor, sessionIdFor(user.id, today, 2), { action: 'start' });
}

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Writes a generated history. Sessions go in whole days per transaction: the database checks at
 * commit that every stored day has its four slots.
 */
export async function insertHistory(database: Database, history: History): Promise<void> {
  const { db } = database;
  await insertChunked(history.projects, (chunk) => db.insert(projects).values(chunk));
  await insertChunked(history.tasks, (chunk) => db.insert(tasks).values(chunk));
  // CHUNK is a multiple of 4 and every day has four rows in order, so no day is split.
  await insertChunked(history.sessions, (chunk) =>
    db.transaction((tx) => tx.insert(focusSessions).values(chunk)),
  );
  await insertChunked(history.sessionTasks, (chunk) => db.insert(sessionTasks).values(chunk));
  await insertChunked(history.switches, (chunk) => db.insert(contextSwitches).values(chunk));
}

/** Generates and writes `days` of history ending yesterday for `user`. */
export async function seedHistory(
  database: Database,
  user: UserRow,
  options: Pick<HistoryOptions, 'days' | 'seed' | 'isUnbroken'> & { lastDay?: LocalDate },
): Promise<History> {
  const lastDay = options.lastDay ?? localDateOf(new Date(Date.now() - 86_400_000), user.timeZone);
  const history = generateHistory({
    userId: user.id,
    timeZone: user.timeZone,
    lastDay,
    days: options.days,
    seed: options.seed,
    ...(options.isUnbroken ? { isUnbroken: true } : {}),
    sessionLengthMinutes: user.sessionLengthMinutes,
  });
  await insertHistory(database, history);
  return history;
}
