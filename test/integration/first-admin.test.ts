import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/client.ts';
import { users } from '../../src/db/schema/index.ts';
import { createUser } from '../../src/services/create-user.ts';
import { freshDatabase } from '../support/database.ts';

// A fresh, empty instance: a database of its own, since the shared one has users from other files.
describe('the first account', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.close());

  it('becomes the instance admin, exactly once even when two sign up at the same moment', async () => {
    const deps = { db: database.db, clock: new ManualClock(), logger: pino({ level: 'silent' }) };
    await Promise.all([
      createUser(deps, { email: 'first@example.test', password: 'a calm and long passphrase' }),
      createUser(deps, { email: 'second@example.test', password: 'a calm and long passphrase' }),
    ]);
    await createUser(deps, { email: 'third@example.test', password: 'a calm and long passphrase' });
    const rows = await database.db.select({ email: users.email, isAdmin: users.isAdmin }).from(users);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.isAdmin)).toHaveLength(1);
    expect(rows.find((r) => r.email === 'third@example.test')?.isAdmin).toBe(false);
  });
});
