import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.ts';
import { createPerson, createToken } from './factories.ts';
import type { TestApp } from './test-app.ts';

export type ApiCaller = {
  userId: string;
  email: string;
  token: string;
  /** Calls /api/v1 with this person's token (or `auth` given explicitly; null for none). */
  call(path: string, init?: RequestInit & { auth?: string | null; json?: unknown }): Promise<Response>;
};

/** A new person with a personal access token of the given scopes. */
export async function apiCaller(
  t: TestApp,
  options: { scopes?: ('read' | 'write')[]; timeZone?: string } = {},
): Promise<ApiCaller> {
  const user = await createPerson(t, {
    emailPrefix: 'api',
    timeZone: options.timeZone ?? 'Europe/Berlin',
  });
  const secret = await createToken(t, user, { scopes: options.scopes });
  return {
    userId: user.id,
    email: user.email,
    token: secret,
    async call(path, init = {}) {
      const headers = new Headers(init.headers);
      const auth = init.auth === undefined ? secret : init.auth;
      if (auth !== null) headers.set('authorization', `Bearer ${auth}`);
      if (!headers.has('x-test-client-ip'))
        headers.set(
          'x-test-client-ip',
          `198.19.${user.id.charCodeAt(0) % 250}.${user.id.charCodeAt(1) % 250}`,
        );
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return t.app.request(`http://localhost/api/v1${path}`, { ...init, headers, body });
    },
  };
}

export async function userIdOf(t: TestApp, email: string): Promise<string> {
  return (await t.deps.db.select().from(users).where(eq(users.email, email)))[0]!.id;
}
