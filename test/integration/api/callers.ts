import { randomInt } from 'node:crypto';
import { hashPassword } from '../../../src/services/passwords.ts';
import type { ApiCaller } from '../../support/api.ts';
import { createToken, insertUserRow, PASSWORD } from '../../support/factories.ts';
import { type TestApp, uniqueEmail } from '../../support/test-app.ts';

/** The password of every person these tests make (the factories' one). */
export { PASSWORD };

/**
 * A client address of its own. Every run starts its clock at the same instant, so on the shared
 * PostgreSQL database a per-address rate-limit window left by an earlier run would still be open;
 * a random address keeps runs from adding up to a 429.
 */
export function freshClientIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

// Hashing a password takes ~40 ms of Argon2 on purpose; these files make hundreds of people, so
// they share one hash, computed once.
let passwordHash: Promise<string> | undefined;

/**
 * A new person with a personal access token, calling /api/v1 from an address of their own: like
 * apiCaller, but the account row is inserted directly with a shared password hash.
 */
export async function newCaller(
  t: TestApp,
  options: { scopes?: ('read' | 'write')[]; timeZone?: string } = {},
): Promise<ApiCaller> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = uniqueEmail('api');
  const user = await insertUserRow(t, {
    email,
    passwordHash: await passwordHash,
    timeZone: options.timeZone ?? 'Europe/Berlin',
  });
  const secret = await createToken(t, { id: user.id, email, isAdmin: false }, { scopes: options.scopes });
  const ip = freshClientIp();
  return {
    userId: user.id,
    email,
    token: secret,
    async call(path, init = {}) {
      const headers = new Headers(init.headers);
      const auth = init.auth === undefined ? secret : init.auth;
      if (auth !== null) headers.set('authorization', `Bearer ${auth}`);
      if (!headers.has('x-test-client-ip')) headers.set('x-test-client-ip', ip);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return t.app.request(`http://localhost/api/v1${path}`, { ...init, headers, body });
    },
  };
}
