import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** Where a stream's text goes: the socket of a Node response, or a web stream (in-process tests). */
export type SseSink = {
  write(text: string): void;
  /** Ends the stream from our side (the client reconnects). */
  close(): void;
  /** Runs once when the stream ends, from either side. */
  onClose(listener: () => void): void;
};

// A client that reads nothing while this much is waiting is dropped; it resumes with Last-Event-ID.
const MAX_BUFFERED_BYTES = 1 << 20;
// The platform's own Response, taken before @hono/node-server swaps in its lighter one (it does so
// when the server starts listening): only a platform Response with no body and the header below
// makes the adapter leave a response we write ourselves alone.
const PlatformResponse = globalThis.Response;
const ALREADY_SENT = 'x-hono-already-sent';

/**
 * Opens an event stream and hands its sink to `start`. Behind @hono/node-server the text goes
 * straight to the Node response: no web-stream bridge and no promise per write, which is most of
 * what an idle stream used to cost. The head is written once the middleware chain has finished
 * (a macrotask later), so headers set around the handler are sent too.
 */
export function openEventStream(c: Context, start: (sink: SseSink) => void): Response {
  c.header('Content-Type', 'text/event-stream; charset=utf-8');
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing) return webStream(c, start);
  const response = new PlatformResponse(null, { headers: c.body(null).headers });
  response.headers.set(ALREADY_SENT, 'true');
  setImmediate(() => {
    // The client may have gone in the meantime: then there is nothing to start.
    if (outgoing.destroyed || !outgoing.socket || outgoing.socket.destroyed) return;
    response.headers.delete(ALREADY_SENT);
    const head: Record<string, string | string[]> = {};
    for (const [name, value] of response.headers) if (name !== 'set-cookie') head[name] = value;
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) head['set-cookie'] = cookies;
    outgoing.writeHead(200, head);
    outgoing.flushHeaders();
    start(nodeSink(outgoing));
  });
  return response;
}

function nodeSink(outgoing: ServerResponse): SseSink {
  let isClosed = false;
  const listeners: (() => void)[] = [];
  const ended = () => {
    if (isClosed) return;
    isClosed = true;
    for (const listener of listeners.splice(0)) listener();
  };
  outgoing.once('close', ended);
  return {
    write(text) {
      if (isClosed) return;
      outgoing.write(text);
      if (outgoing.writableLength > MAX_BUFFERED_BYTES) outgoing.destroy();
    },
    close() {
      if (!isClosed) outgoing.end();
      ended();
    },
    onClose(listener) {
      if (isClosed) listener();
      else listeners.push(listener);
    },
  };
}

function webStream(c: Context, start: (sink: SseSink) => void): Response {
  const encoder = new TextEncoder();
  let isClosed = false;
  const listeners: (() => void)[] = [];
  const ended = () => {
    if (isClosed) return;
    isClosed = true;
    for (const listener of listeners.splice(0)) listener();
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(ctrl) {
      controller = ctrl;
    },
    cancel: ended,
  });
  start({
    write(text) {
      if (!isClosed) controller.enqueue(encoder.encode(text));
    },
    close() {
      if (!isClosed) controller.close();
      ended();
    },
    onClose(listener) {
      if (isClosed) listener();
      else listeners.push(listener);
    },
  });
  return c.body(body, 200);
}
