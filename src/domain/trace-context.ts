/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` header that joins
 * this server's work to an operator's traces. Pure: ids come from the caller's random source.
 */
export type TraceContext = { traceId: string; spanId: string; flags: string };

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;

/**
 * The caller's trace context, or undefined when the header is missing or malformed (then this
 * request starts a trace of its own). Version ff is invalid; a later version may add fields after
 * the four we read, version 00 may not.
 */
export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  const match = header?.trim().match(TRACEPARENT);
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(spanId)) return undefined;
  return { traceId, spanId, flags };
}

/**
 * This request's own span: the caller's trace id (or a new one) and a new span id; the sampled
 * flag is passed on as the caller set it, and set for a trace we start.
 */
export function childSpan(
  parent: TraceContext | undefined,
  randomHex: (bytes: number) => string,
): TraceContext {
  return {
    traceId: parent?.traceId ?? randomHex(16),
    spanId: randomHex(8),
    flags: parent?.flags ?? '01',
  };
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.flags}`;
}
