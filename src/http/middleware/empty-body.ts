import { createMiddleware } from 'hono/factory';

/**
 * Treats an empty request body as no body, whatever its Content-Type. Generic clients (fetch
 * wrappers, SDKs, `curl -X POST -H 'Content-Type: application/json'`, low-code tools) label every
 * request as JSON, and zero bytes are not a JSON document: without this, an operation whose body
 * is optional answered 400 "Malformed JSON" to a request that simply had nothing to say. Dropping
 * the label here, once, gives every route exactly what a bodiless request gives it. A body of even
 * one byte is left alone, so invalid JSON is still refused.
 */
export function emptyBodyIsNoBody() {
  return createMiddleware(async (c, next) => {
    const raw = c.req.raw;
    if (raw.body === null || !raw.headers.has('content-type')) return next();
    const length = raw.headers.get('content-length');
    // A stated length is trusted (the body limit does too); a chunked body is read, into Hono's
    // cache, so the route's own parsing reads the same bytes again.
    const isEmpty =
      length !== null && !raw.headers.has('transfer-encoding')
        ? Number(length) === 0
        : (await c.req.arrayBuffer()).byteLength === 0;
    if (isEmpty) {
      const headers = new Headers(raw.headers);
      headers.delete('content-type');
      headers.delete('content-length');
      c.req.raw = new Request(raw.url, { method: raw.method, headers, signal: raw.signal });
    }
    await next();
  });
}
