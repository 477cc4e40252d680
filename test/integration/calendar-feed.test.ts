import ICAL from 'ical.js';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import type { ApiCaller } from '../support/api.ts';
import { TestBrowser } from '../support/http-client.ts';
import { createTestApp, uniqueEmail } from '../support/test-app.ts';
import { freshClientIp, newCaller } from './api/callers.ts';

// The private calendar feed, end to end: turned on in the API or settings, read without any
// cookie the way calendar apps read it, parsed by a real iCalendar parser.

/** Monday 6 April 2026, 09:00 in Berlin. */
const MONDAY = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: MONDAY });
beforeEach(() => t.clock.set(MONDAY));

type Day = { sessions: { id: string; slot: number }[] };

async function ok(response: Response | Promise<Response>): Promise<unknown> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBeLessThan(300);
  return text ? JSON.parse(text) : undefined;
}

async function sessionIdsOf(me: ApiCaller, date: string): Promise<string[]> {
  const day = (await ok(me.call(`/days/${date}`))) as Day;
  return day.sessions.map((s) => s.id);
}

const setGoal = (me: ApiCaller, id: string, goal: string) =>
  ok(me.call(`/sessions/${id}`, { method: 'PATCH', json: { goal } }));
const act = (me: ApiCaller, id: string, action: string, json?: unknown) =>
  ok(me.call(`/sessions/${id}/${action}`, { method: 'POST', ...(json ? { json } : {}) }));

async function turnOn(me: ApiCaller): Promise<string> {
  const feed = (await ok(me.call('/calendar-feed', { method: 'POST' }))) as { url: string };
  return feed.url;
}

/** Fetches a feed as a calendar app does: no cookie, no token header, an address of its own. */
async function fetchFeed(url: string, ip = freshClientIp()): Promise<Response> {
  return t.app.request(url, { headers: { 'x-test-client-ip': ip } });
}

async function eventsOf(url: string) {
  const response = await fetchFeed(url);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('the calendar feed', () => {
  it('shows a calendar app what the person did and plans, read without signing in', async () => {
    const me = await newCaller(t);
    const [first, second, third] = await sessionIdsOf(me, '2026-04-06');
    await setGoal(me, first!, 'Draft the sync design note, part 1; then review');
    await act(me, first!, 'start');
    t.clock.advance(45 * 60);
    await act(me, first!, 'complete');
    await ok(me.call(`/sessions/${first}/outcome`, { method: 'PUT', json: { outcome: 'done' } }));
    await act(me, second!, 'skip');
    await setGoal(me, third!, 'Not started yet');
    const [tomorrow] = await sessionIdsOf(me, '2026-04-07');
    await setGoal(me, tomorrow!, 'Write the release notes');
    // Logged on the last day the feed covers (90 days back) and on the day before it.
    const [edge] = await sessionIdsOf(me, '2026-01-06');
    const [outside] = await sessionIdsOf(me, '2026-01-05');
    await act(me, edge!, 'log', { minutes: 30 });
    await act(me, outside!, 'log', { minutes: 30 });

    const url = await turnOn(me);
    expect(url).toMatch(/^http:\/\/localhost\/calendar\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}\.ics$/);
    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toBeNull();

    const events = Object.fromEntries((await eventsOf(url)).map((e) => [e.uid.split('@')[0], e]));
    expect(Object.keys(events).sort()).toEqual([edge, first, third, tomorrow].sort());
    const done = events[first!]!;
    expect(done.uid).toBe(`${first}@localhost`);
    expect(done.summary).toBe('Personal 1 · Draft the sync design note, part 1; then review');
    expect(done.startDate.toJSDate().toISOString()).toBe('2026-04-06T07:00:00.000Z');
    expect(done.endDate.toJSDate().toISOString()).toBe('2026-04-06T07:45:00.000Z');
    expect(done.description).toBe('45 minutes of focus.\nOutcome: Done.');
    expect(done.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const planned = events[tomorrow!]!;
    expect(planned.summary).toBe('Personal 1 · Write the release notes');
    expect(planned.startDate.isDate).toBe(true);
    expect(planned.startDate.toString()).toBe('2026-04-07');
    expect(planned.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(events[edge!]!.startDate.toString()).toBe('2026-01-06');

    const feed = (await ok(me.call('/calendar-feed'))) as { lastFetchedAt: string };
    expect(feed.lastFetchedAt).toBe(MONDAY.toISOString().replace('07:00:00', '07:45:00'));
  });

  it('stops the old link at once when a new one is made, and every link when it is turned off', async () => {
    const me = await newCaller(t);
    const old = await turnOn(me);
    expect((await fetchFeed(old)).status).toBe(200);
    const renewed = await turnOn(me);
    expect(renewed).not.toBe(old);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('turned off or replaced');
    expect((await fetchFeed(renewed)).status).toBe(200);

    expect((await me.call('/calendar-feed', { method: 'DELETE' })).status).toBe(204);
    expect((await fetchFeed(renewed)).status).toBe(404);
    expect(await ok(me.call('/calendar-feed'))).toEqual({
      enabled: false,
      url: null,
      createdAt: null,
      lastFetchedAt: null,
    });
  });

  it('answers 404 to a tampered or made-up link', async () => {
    const url = await turnOn(await newCaller(t));
    const [, id, mac] = url.match(/\/calendar\/([^.]+)\.([^.]+)\.ics$/)!;
    const flipped = `${mac!.slice(0, -1)}${mac!.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [
      `/calendar/${id}.${flipped}.ics`,
      `/calendar/${id}.ics`,
      `/calendar/${id}.${mac}`,
      `/calendar/${id}.${mac}.ics.ics`,
      `/calendar/6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11.${mac}.ics`,
      '/calendar/nothing.ics',
    ]) {
      expect((await fetchFeed(`http://localhost${path}`)).status, path).toBe(404);
    }
  });

  it('never mixes two people’s sessions, and one’s id with the other’s signature is refused', async () => {
    const [ann, bob] = [await newCaller(t), await newCaller(t)];
    const [annFirst] = await sessionIdsOf(ann, '2026-04-06');
    const [bobFirst] = await sessionIdsOf(bob, '2026-04-06');
    await setGoal(ann, annFirst!, 'Ann’s own plan');
    await setGoal(bob, bobFirst!, 'Bob’s own plan');
    const [annUrl, bobUrl] = [await turnOn(ann), await turnOn(bob)];
    expect((await eventsOf(annUrl)).map((e) => e.summary)).toEqual(['Personal 1 · Ann’s own plan']);
    expect((await eventsOf(bobUrl)).map((e) => e.summary)).toEqual(['Personal 1 · Bob’s own plan']);
    const annId = annUrl.match(/calendar\/([^.]+)\./)![1];
    const bobMac = bobUrl.match(/\.([^.]+)\.ics$/)![1];
    expect((await fetchFeed(`http://localhost/calendar/${annId}.${bobMac}.ics`)).status).toBe(404);
  });

  it('notes when a calendar app last read it, at most every five minutes', async () => {
    const me = await newCaller(t);
    const url = await turnOn(me);
    const lastFetched = async () =>
      ((await ok(me.call('/calendar-feed'))) as { lastFetchedAt: string }).lastFetchedAt;
    expect(await lastFetched()).toBeNull();
    await fetchFeed(url);
    expect(await lastFetched()).toBe('2026-04-06T07:00:00.000Z');
    t.clock.advance(4 * 60);
    await fetchFeed(url);
    expect(await lastFetched()).toBe('2026-04-06T07:00:00.000Z');
    t.clock.advance(60);
    await fetchFeed(url);
    expect(await lastFetched()).toBe('2026-04-06T07:05:00.000Z');
  });

  it('slows down an address that keeps trying links that do not exist', async () => {
    const url = await turnOn(await newCaller(t));
    const ip = freshClientIp();
    const wrong = url.replace(/\.[^.]+\.ics$/, `.${'A'.repeat(43)}.ics`);
    for (let i = 0; i < 30; i++) expect((await fetchFeed(wrong, ip)).status).toBe(404);
    const refused = await fetchFeed(url, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Calendar services share addresses: other addresses are not affected.
    expect((await fetchFeed(url)).status).toBe(200);
  });

  it('keeps the link out of the request log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = createApp({ ...t.deps, logger }, { bus: t.bus });
    const url = await turnOn(await newCaller(t));
    const token = url.match(/calendar\/(.+)\.ics$/)![1]!;
    expect((await app.request(url, { headers: { 'x-test-client-ip': freshClientIp() } })).status).toBe(200);
    expect((await app.request(`${url.slice(0, -5)}X.ics`)).status).toBe(404);
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(requests.map((entry) => entry.path)).toEqual(['/calendar/:token.ics', '/calendar/:token.ics']);
    expect(lines.join('\n')).not.toContain(token.split('.')[0]);
  });
});

describe('the calendar feed in settings', () => {
  it('is off until asked for, then shows its link, makes a new one and turns off', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail('feed'));
    const before = await (await browser.get('/settings')).text();
    expect(before).toContain('Create a private calendar link');
    expect(before).not.toContain('data-testid="calendar-feed-url"');

    expect((await browser.submit('/settings/calendar-feed', {}, { csrf: 'forged' })).status).toBe(403);
    expect((await browser.submit('/settings/calendar-feed', {}, { csrf: null })).status).toBe(403);
    expect(await (await browser.get('/settings')).text()).toContain('Create a private calendar link');

    const created = await browser.submit('/settings/calendar-feed', {});
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/settings?saved=calendar-feed#calendar-feed');
    const page = await (await browser.get('/settings?saved=calendar-feed')).text();
    expect(page).toContain('Your private calendar link is ready.');
    expect(page).toContain('Google Calendar');
    expect(page).toContain('Not read by a calendar app yet.');
    const url = urlOn(page);
    expect((await fetchFeed(url)).status).toBe(200);
    expect(await (await browser.get('/settings')).text()).toContain('Last read by a calendar app');
    // Turning it on again keeps the same link.
    await browser.submit('/settings/calendar-feed', {});
    expect(urlOn(await (await browser.get('/settings')).text())).toBe(url);

    expect((await browser.submit('/settings/calendar-feed/rotate', {})).status).toBe(303);
    const renewed = urlOn(await (await browser.get('/settings?saved=calendar-feed-rotated')).text());
    expect(renewed).not.toBe(url);
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await fetchFeed(renewed)).status).toBe(200);

    expect((await browser.submit('/settings/calendar-feed/revoke', {})).status).toBe(303);
    const off = await (await browser.get('/settings?saved=calendar-feed-off')).text();
    expect(off).toContain('The calendar feed is off. Its link no longer works.');
    expect(off).toContain('Create a private calendar link');
    expect((await fetchFeed(renewed)).status).toBe(404);
  });

  it('sends someone who is not signed in to sign in instead of changing anything', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const response = await browser.submit('/settings/calendar-feed', {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/login/);
  });
});

function urlOn(html: string): string {
  const input = html.match(/<input[^>]*data-testid="calendar-feed-url"[^>]*>/)![0];
  return input.match(/value="([^"]+)"/)![1]!;
}
