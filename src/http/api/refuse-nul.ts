import { createMiddleware } from 'hono/factory';
import { AppError } from '../../domain/errors.ts';
import type { ApiEnv } from './context.ts';

const NUL = '\u0000';
const MESSAGE = 'Text cannot contain the NUL character (U+0000).';

/** The first place a JSON value holds NUL, in a key or a string: `goal`, `items.2`, or '' for the root. */
function nulIn(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes(NUL)) return at;
    const found = nulIn(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Refuses NUL in the path, the query and JSON bodies with a 422 at the edge: PostgreSQL text can
 * never hold it, so a NUL that reached a query or an insert would fail there as a 500.
 */
export function refuseNul() {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const url = new URL(c.req.url);
    let field: string | undefined;
    if (c.req.path.includes(NUL)) field = 'path';
    for (const [key, value] of url.searchParams) {
      if (field === undefined && (key.includes(NUL) || value.includes(NUL))) field = key.replaceAll(NUL, '');
    }
    if (field === undefined && (c.req.header('content-type') ?? '').toLowerCase().includes('json')) {
      const text = await c.req.text();
      if (text.includes(NUL) || /\\u0000/i.test(text)) {
        try {
          field = nulIn(JSON.parse(text), '');
        } catch {
          // Not JSON: the route's own validation answers 400.
        }
        if (field === '') field = 'body';
      }
    }
    if (field !== undefined) throw new AppError('validation', MESSAGE, { fields: { [field]: MESSAGE } });
    await next();
  });
}
