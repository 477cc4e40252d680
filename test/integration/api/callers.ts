import { randomInt } from 'node:crypto';
import { type ApiCaller, apiCaller } from '../../support/api.ts';
import type { TestApp } from '../../support/test-app.ts';

/**
 * A client address of its own. Every run starts its clock at the same instant, so on the shared
 * PostgreSQL database a per-address rate-limit window left by an earlier run would still be open;
 * a random address keeps runs from adding up to a 429.
 */
export function freshClientIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** The same caller, sending every request from `ip`. */
export function fromAddress(caller: ApiCaller, ip = freshClientIp()): ApiCaller {
  return {
    ...caller,
    call: (path, init = {}) =>
      caller.call(path, {
        ...init,
        headers: { 'x-test-client-ip': ip, ...(init.headers as Record<string, string> | undefined) },
      }),
  };
}

/** A new person with a token, calling from an address of their own. */
export async function newCaller(
  t: TestApp,
  options: Parameters<typeof apiCaller>[1] = {},
): Promise<ApiCaller> {
  return fromAddress(await apiCaller(t, options));
}
