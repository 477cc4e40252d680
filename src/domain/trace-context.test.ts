import { describe, expect, it } from 'vitest';
import { childSpan, formatTraceparent, parseTraceparent } from './trace-context.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
let counter = 0;
const fakeRandom = (bytes: number) => (++counter).toString(16).padStart(bytes * 2, '0');

describe('traceparent', () => {
  it("reads the spec's example", () => {
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-01`)).toEqual({ traceId: TRACE, spanId: SPAN, flags: '01' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['upper-case hex', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['a short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['an all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['version 00 with more fields', `00-${TRACE}-${SPAN}-01-extra`],
    ['something else', 'hello'],
  ])('ignores %s', (_, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('reads the four fields of a later version and ignores the rest', () => {
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-00-whatever`)).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      flags: '00',
    });
  });

  it("continues the caller's trace with a span of its own, keeping the sampled flag", () => {
    const child = childSpan({ traceId: TRACE, spanId: SPAN, flags: '00' }, fakeRandom);
    expect(child.traceId).toBe(TRACE);
    expect(child.spanId).not.toBe(SPAN);
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(formatTraceparent(child)).toBe(`00-${TRACE}-${child.spanId}-00`);
  });

  it('starts a sampled trace when there is none', () => {
    const started = childSpan(undefined, fakeRandom);
    expect(started.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(parseTraceparent(formatTraceparent(started))).toEqual(started);
  });
});
