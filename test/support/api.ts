import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
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

/** An API answer read whole: its status, its text and its JSON body (empty when it has none). */
export type JsonAnswer = {
  status: number;
  text: string;
  body: Record<string, unknown> & { detail?: string; code?: string };
};

/** Calls `path` as `caller`, with a JSON body when `json` is given. */
export async function sendJson(
  caller: ApiCaller,
  method: string,
  path: string,
  json?: unknown,
): Promise<JsonAnswer> {
  const response = await caller.call(path, { method, ...(json === undefined ? {} : { json }) });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, text, body: isJson && text ? JSON.parse(text) : {} };
}

/** sendJson that fails the test unless the call succeeded; answers the body. */
export async function okJson<T = Record<string, unknown>>(
  caller: ApiCaller,
  method: string,
  path: string,
  json?: unknown,
): Promise<T> {
  const answer = await sendJson(caller, method, path, json);
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(300);
  return answer.body as T;
}
