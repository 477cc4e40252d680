import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/client.ts';
import { tasks, users } from '../../src/db/schema/index.ts';
import { createUser } from '../../src/services/create-user.ts';
import { deleteAccount } from '../../src/services/delete-account.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { apiCaller } from '../support/api.ts';
import { freshDatabase } from '../support/database.ts';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

const PASSWORD = 'a calm and long passphrase';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Someone signed up before, so the people below are never the instance's first (admin) account.
  await createUser(t.deps, { email: uniqueEmail('earlier'), password: PASSWORD });
});

describe('deleting an account from settings', () => {
  it('needs the password, then removes everything and signs out every device and token', async () => {
    const api = await apiCaller(t);
    const laptop = new TestBrowser(t.app);
    await laptop.logIn(api.email);
    const phone = new TestBrowser(t.app);
    await phone.logIn(api.email);
    expect((await api.call('/tasks', { method: 'POST', json: { title: 'Write the plan' } })).status).toBe(
      201,
    );

    await laptop.get('/settings');
    const refused = await laptop.submit('/settings/delete-account', { password: 'not my password' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Your password is not right.');
    expect((await api.call('/tasks')).status).toBe(200);

    const deleted = await laptop.submit('/settings/delete-account', { password: PASSWORD });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe('/login?deleted=1');
    expect(await (await laptop.get('/login?deleted=1')).text()).toContain(
      'Your account and everything in it are deleted.',
    );

    expect((await phone.get('/settings')).status).toBe(303);
    expect((await api.call('/tasks')).status).toBe(401);
    expect((await new TestBrowser(t.app).logIn(api.email)).status).toBe(401);
    expect(await t.deps.db.select().from(users).where(eq(users.id, api.userId))).toEqual([]);
    expect(await t.deps.db.select().from(tasks).where(eq(tasks.userId, api.userId))).toEqual([]);
  });
});

// A database of its own: who the admins are depends on every account in it.
describe('the only admin', () => {
  let database: Database;
  let deps: ServiceDeps;
  beforeAll(async () => {
    database = await freshDatabase();
    deps = { ...t.deps, db: database.db, clock: new ManualClock(), logger: pino({ level: 'silent' }) };
  });
  afterAll(() => database.close());

  it('cannot leave while others use the instance, and can once alone', async () => {
    const admin = await createUser(deps, { email: 'admin@example.test', password: PASSWORD });
    const other = await createUser(deps, { email: 'other@example.test', password: PASSWORD });
    const actor = (user: typeof admin) => ({ id: user.id, email: user.email, isAdmin: user.isAdmin });
    expect(admin.isAdmin).toBe(true);

    await expect(deleteAccount(deps, actor(admin), { password: PASSWORD })).rejects.toMatchObject({
      code: 'conflict',
    });
    await deleteAccount(deps, actor(other), { password: PASSWORD });
    await deleteAccount(deps, actor(admin), { password: PASSWORD });
    expect(await database.db.select().from(users)).toEqual([]);
  });
});
