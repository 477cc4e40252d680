import { createMiddleware } from 'hono/factory';
import { AppError } from '../../domain/errors.ts';
import type { AppEnv } from '../context.ts';

const NUL = '\u0000';
// Malformed bytes would otherwise be decoded to U+FFFD and stored as if the person had typed them.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
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
 * Refuses NUL in the path, the query, JSON and form bodies with a 422 at the edge, for pages and
 * API alike: PostgreSQL text can never hold it, so a NUL that reached a query would be a 500.
 * A JSON body that is not valid UTF-8 gets a 400.
 */
export function refuseNul(options: { skip?: (path: string) => boolean } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (options.skip?.(c.req.path)) return next();
    const url = new URL(c.req.url);
    let field: string | undefined;
    if (c.req.path.includes(NUL)) field = 'path';
    for (const [key, value] of url.searchParams) {
      if (field === undefined && (key.includes(NUL) || value.includes(NUL))) field = key.replaceAll(NUL, '');
    }
    if (field === undefined && (c.req.header('content-type') ?? '').toLowerCase().includes('json')) {
      let text: string;
      try {
        // Cached by Hono: the route's own json() reads the same bytes.
        text = STRICT_UTF8.decode(await c.req.arrayBuffer());
      } catch {
        throw new AppError('bad_request', 'The request body is not valid UTF-8.');
      }
      if (text.includes(NUL) || /\\u0000/i.test(text)) {
        try {
          field = nulIn(JSON.parse(text), '');
        } catch {
          // Not JSON: the route's own validation answers 400.
        }
        if (field === '') field = 'body';
      }
    }
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (
      field === undefined &&
      (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
    ) {
      // A body that does not parse (a broken multipart boundary) is left to the route to refuse.
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      for (const [key, value] of Object.entries(body)) {
        const values = Array.isArray(value) ? value : [value];
        if (key.includes(NUL) || values.some((v) => typeof v === 'string' && v.includes(NUL))) {
          field = key.replaceAll(NUL, '');
          break;
        }
      }
    }
    if (field !== undefined) throw new AppError('validation', MESSAGE, { fields: { [field]: MESSAGE } });
    await next();
  });
}
