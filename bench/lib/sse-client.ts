import { type ClientRequest, request } from 'node:http';

export type SseEvent = { id?: string; event?: string; data: string; at: number };

export type SseStream = {
  /** Called for every complete event (comments such as heartbeats are not events). */
  onEvent: ((event: SseEvent) => void) | undefined;
  close(): void;
};

/** Opens an event stream and resolves once the response headers arrived (status 200). */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined;
    const stream: SseStream = { onEvent: undefined, close: () => req?.destroy() };
    req = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`${url} answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const event: SseEvent = { data: '', at };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith('data:')) {
              event.data += line.slice(5).trimStart();
              isEvent = true;
            } else if (line.startsWith('id:')) event.id = line.slice(3).trim();
            else if (line.startsWith('event:')) event.event = line.slice(6).trim();
          }
          if (isEvent) stream.onEvent?.(event);
        }
      });
      res.on('error', () => {});
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens `count` streams, `concurrency` at a time. */
export async function openManySse(
  url: string,
  count: number,
  headers: Record<string, string> = {},
  concurrency = 20,
): Promise<SseStream[]> {
  const streams: SseStream[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        next++;
        streams.push(await openSse(url, headers));
      }
    }),
  );
  return streams;
}
