import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { fetchOpenApiDocument } from '../../support/openapi.ts';
import type { components, paths } from '../../support/openapi-schema.d.ts';
import { generateSchemaTypes, SCHEMA_TYPES_FILE } from '../../support/openapi-typegen.ts';
import { SseReader } from '../../support/sse.ts';
import { createTestApp } from '../../support/test-app.ts';
import { freshClientIp, newCaller } from './callers.ts';

// A whole day driven only through the API, with the client generated from the OpenAPI document,
// while a second device follows along on the event stream.

type Session = components['schemas']['Session'];

const MONDAY_9AM_BERLIN = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: MONDAY_9AM_BERLIN });

/** A typed client for one device: its own token and address, requests served by the app in-process. */
function clientFor(secret: string) {
  return createClient<paths>({
    baseUrl: 'http://localhost/api/v1',
    fetch: async (request) => t.app.request(request),
    headers: { authorization: `Bearer ${secret}`, 'x-test-client-ip': freshClientIp() },
  });
}

/** The data of a 2xx answer; fails the test with the problem document otherwise. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  expect(result.error, `${result.response.url} answered ${result.response.status}`).toBeUndefined();
  return result.data as T;
}

describe('a full day through the API', () => {
  it('plans four goals, runs the four timers with pauses, and reads the summaries while a second device follows', async () => {
    const person = await newCaller(t); // the account and its first token; everything else is API
    const laptop = clientFor(person.token);

    const { secret: phoneSecret } = ok(
      await laptop.POST('/tokens', { body: { name: 'phone', scopes: ['read'] } }),
    );
    const phone = clientFor(phoneSecret);
    const stream = await phone.GET('/events', { parseAs: 'stream' });
    expect(stream.response.status).toBe(200);
    const follower = new SseReader(stream.response);
    await follower.waitFor((events) => events.some((e) => e.event === 'hello'));

    // Plan: four goals, the admin slot shorter.
    const day = ok(await laptop.GET('/days/{date}', { params: { path: { date: 'today' } } }));
    expect(day).toMatchObject({ date: '2026-04-06', relation: 'today', timeZone: 'Europe/Berlin' });
    expect(day.sessions.map((s) => s.kind)).toEqual(['personal', 'personal', 'personal', 'admin']);
    const goals = ['Write the API chapter', 'Review the schema', 'Sketch the widget', 'Inbox and invoices'];
    const changes: Session[] = [];
    for (const [index, session] of day.sessions.entries()) {
      const planned = ok(
        await laptop.PATCH('/sessions/{id}', {
          params: { path: { id: session.id } },
          body: {
            goal: goals[index]!,
            version: session.version,
            ...(session.kind === 'admin' ? { plannedMinutes: 30 } : {}),
          },
        }),
      );
      expect(planned).toMatchObject({ goal: goals[index], state: 'planned' });
      changes.push(planned);
    }

    // Run: each session in slices of work (minutes) separated by pauses (minutes), then a break.
    const act = async (id: string, action: 'start' | 'pause' | 'resume' | 'complete') => {
      const session = ok(
        await laptop.POST('/sessions/{id}/{action}', {
          params: { path: { id, action }, header: { 'idempotency-key': `${id}-${changes.length}` } },
        }),
      );
      changes.push(session);
      return session;
    };
    const plans = [
      { work: [20, 25], pauses: [5] }, // 45 of 45 minutes
      { work: [30, 10, 10], pauses: [3, 7] }, // 50: five minutes over
      { work: [15, 15], pauses: [10] }, // 30: completed early
      { work: [30], pauses: [] }, // the 30-minute admin slot in one go
    ];
    for (const [index, session] of day.sessions.entries()) {
      const { work, pauses } = plans[index]!;
      expect(await act(session.id, 'start')).toMatchObject({ state: 'active', elapsedSeconds: 0 });
      for (const [slice, minutes] of work.entries()) {
        t.clock.advance(minutes * 60);
        const pause = pauses[slice];
        if (pause === undefined) break;
        expect(await act(session.id, 'pause')).toMatchObject({ state: 'paused' });
        t.clock.advance(pause * 60); // paused time is not focus
        expect(await act(session.id, 'resume')).toMatchObject({ state: 'active' });
      }
      const done = await act(session.id, 'complete');
      const minutes = work.reduce((a, b) => a + b, 0);
      expect(done).toMatchObject({ state: 'completed', focusSeconds: minutes * 60, isFlagged: false });
      t.clock.advance(10 * 60);
    }

    // Summaries: 45 + 50 + 30 + 30 minutes of focus.
    const focusSeconds = (45 + 50 + 30 + 30) * 60;
    expect(ok(await laptop.GET('/summaries/day', { params: { query: { date: '2026-04-06' } } }))).toEqual({
      date: '2026-04-06',
      ...{ personalCompleted: 3, personalTotal: 3, personalPercent: 100, personalInProgress: 0 },
      ...{ personalOpen: 0, personalSkipped: 0 },
      ...{
        adminCompleted: 1,
        adminTotal: 1,
        adminPercent: 100,
        adminInProgress: 0,
        adminOpen: 0,
        adminSkipped: 0,
      },
      ...{ sessionsCompleted: 4, sessionsTotal: 4, sessionsPercent: 100, sessionsInProgress: 0 },
      ...{ sessionsOpen: 0, sessionsSkipped: 0 },
      isFocused: true,
      isFull: true,
      focusSeconds,
      focusMinutes: 155,
    });
    const week = ok(await phone.GET('/summaries/week', { params: { query: {} } }));
    expect(week).toMatchObject({
      start: '2026-04-06',
      end: '2026-04-12',
      sessionsCompleted: 4,
      sessionsTotal: 28,
      sessionsPercent: 14, // 4 of 28 is 14.3
      sessionsOpen: 24,
      personalCompleted: 3,
      personalPercent: 14, // 3 of 21 is 14.3
      adminPercent: 14, // 1 of 7 is 14.3
      focusSeconds,
      focusMinutes: 155,
      focusedDays: 1,
      fullDays: 1,
      flaggedSessions: 0,
    });
    expect(week.days.map((d) => d.focusMinutes)).toEqual([155, 0, 0, 0, 0, 0, 0]);
    expect(ok(await phone.GET('/streak'))).toEqual({
      length: 1,
      includesToday: true,
      needsToday: false,
      today: '2026-04-06',
    });

    // The phone saw every change, in order: 4 plans and 16 timer actions.
    expect(changes).toHaveLength(4 + 16);
    await follower.waitFor(
      (events) => events.filter((e) => e.event === 'session.updated').length >= changes.length,
    );
    await follower.close();
    const seen = follower.events
      .filter((e) => e.event === 'session.updated')
      .map((e) => JSON.parse(e.data) as { sessionId: string; state: string; version: number });
    expect(seen.map(({ sessionId, state, version }) => ({ sessionId, state, version }))).toEqual(
      changes.map((s) => ({ sessionId: s.id, state: s.state, version: s.version })),
    );
    const ids = follower.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});

describe('the generated client types', () => {
  it(`match the current OpenAPI document (regenerate with: node scripts/generate-api-client.mjs)`, async () => {
    const committed = readFileSync(SCHEMA_TYPES_FILE, 'utf8');
    const current = await generateSchemaTypes(await fetchOpenApiDocument(t.app));
    expect(
      current === committed,
      `${SCHEMA_TYPES_FILE} is stale: run node scripts/generate-api-client.mjs`,
    ).toBe(true);
  });
});
