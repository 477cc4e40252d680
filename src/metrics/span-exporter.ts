import type { Logger } from 'pino';

// Request spans sent to an OpenTelemetry collector (OTLP over HTTP, JSON encoding), off unless
// OTEL_EXPORTER_OTLP_ENDPOINT is set. One span per request, named by method and route template,
// in the caller's trace when a traceparent came in. Sending is batched and never slows or fails a
// request: a collector that is down loses spans, and says so once in the log.

export type RequestSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  method: string;
  route: string;
  status: number;
  startMs: number;
  endMs: number;
};

export type SpanExporter = {
  record(span: RequestSpan): void;
  /** Sends what is waiting (the server calls it on shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
};

const BATCH_SIZE = 256;
const MAX_WAITING = 4096;
const FLUSH_EVERY_MS = 1000;
const SERVER_KIND = 2; // SPAN_KIND_SERVER

const nanos = (ms: number) => `${BigInt(Math.round(ms * 1000)) * 1000n}`;

/** OTLP/JSON for a batch of spans (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding). */
export function otlpBody(serviceName: string, spans: RequestSpan[]): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: 'deepsheet' },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: `${span.method} ${span.route}`,
              kind: SERVER_KIND,
              startTimeUnixNano: nanos(span.startMs),
              endTimeUnixNano: nanos(span.endMs),
              attributes: [
                { key: 'http.request.method', value: { stringValue: span.method } },
                { key: 'http.route', value: { stringValue: span.route } },
                { key: 'http.response.status_code', value: { intValue: String(span.status) } },
              ],
              // Error for a 5xx only: a 4xx is the client's mistake, not this server's.
              status: { code: span.status >= 500 ? 2 : 0 },
            })),
          },
        ],
      },
    ],
  };
}

export function createSpanExporter(options: {
  endpoint: string;
  serviceName: string;
  logger: Logger;
}): SpanExporter {
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
  let waiting: RequestSpan[] = [];
  let sending: Promise<void> = Promise.resolve();
  let complained = false;

  async function send(batch: RequestSpan[]): Promise<void> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(otlpBody(options.serviceName, batch)),
        signal: AbortSignal.timeout(5000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the collector answered ${response.status}`);
      complained = false;
    } catch (error) {
      if (!complained) options.logger.warn({ err: error, url }, 'spans could not be sent to the collector');
      complained = true;
    }
  }

  function flush(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, BATCH_SIZE);
      waiting = waiting.slice(BATCH_SIZE);
      sending = sending.then(() => send(batch));
    }
    return sending;
  }

  const timer = setInterval(() => void flush(), FLUSH_EVERY_MS);
  timer.unref();
  return {
    record(span) {
      if (waiting.length >= MAX_WAITING) return; // a collector far behind: drop rather than grow
      waiting.push(span);
      if (waiting.length >= BATCH_SIZE) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
