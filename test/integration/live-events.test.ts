import { beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/http-client.ts';
import { act, sessionIdsOf } from '../support/sheet.ts';
import { SseReader } from '../support/sse.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
});

async function openStream(browser: TestBrowser, lastEventId?: string) {
  const response = await browser.request('/events', {
    headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  return new SseReader(response);
}

const changes = (reader: SseReader) =>
  reader.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data));

describe('live events', () => {
  it("pushes a timer action to the person's other device, and only to them", async () => {
    const email = uniqueEmail();
    const laptop = new TestBrowser(t.app);
    await laptop.signUp(email);
    const phone = new TestBrowser(t.app);
    await phone.logIn(email);
    const stranger = new TestBrowser(t.app);
    await stranger.signUp(uniqueEmail('stranger'));

    const phoneStream = await openStream(phone);
    const strangerStream = await openStream(stranger);
    await phoneStream.waitFor((events) => events.some((e) => e.event === 'hello'));
    await strangerStream.waitFor((events) => events.some((e) => e.event === 'hello'));

    const [first] = await sessionIdsOf(laptop);
    await act(laptop, first!, 'start');
    await phoneStream.waitFor((events) => events.some((e) => e.event === 'change'));
    expect(changes(phoneStream)[0]).toMatchObject({
      type: 'session.updated',
      sessionId: first,
      state: 'active',
      date: '2026-04-06',
    });

    await laptop.get('/settings');
    await laptop.submit('/settings/preferences', {
      timeZone: 'Europe/Berlin',
      sessionLengthMinutes: '30',
      weekStart: 'monday',
      theme: 'dark',
    });
    await phoneStream.waitFor((events) =>
      changes({ events } as SseReader).some((c) => c.type === 'preferences.updated'),
    );
    expect(changes(phoneStream).at(-1)).toMatchObject({
      type: 'preferences.updated',
      theme: 'dark',
      sessionLengthMinutes: 30,
    });

    expect(strangerStream.events.filter((e) => e.event === 'change')).toEqual([]);
    await phoneStream.close();
    await strangerStream.close();
  });

  it('resumes after a reconnect from Last-Event-ID without losing events', async () => {
    const email = uniqueEmail();
    const laptop = new TestBrowser(t.app);
    await laptop.signUp(email);
    const phone = new TestBrowser(t.app);
    await phone.logIn(email);
    const first = await openStream(phone);
    await first.waitFor((events) => events.some((e) => e.event === 'hello'));
    const lastSeen = first.events.at(-1)!.id!;
    await first.close();

    const [slot1] = await sessionIdsOf(laptop);
    await act(laptop, slot1!, 'start');
    await act(laptop, slot1!, 'pause');

    const resumed = await openStream(phone, lastSeen);
    await resumed.waitFor((events) => events.filter((e) => e.event === 'change').length >= 2);
    expect(changes(resumed).map((c) => c.state)).toEqual(['active', 'paused']);
    const ids = resumed.events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    await resumed.close();
  });

  it('refuses the stream to a signed-out visitor', async () => {
    const response = await new TestBrowser(t.app).request('/events');
    expect(response.status).toBe(303);
  });
});

describe('closing streams when credentials end', () => {
  async function endsSoon(reader: SseReader): Promise<boolean> {
    try {
      await reader.waitFor(() => false, 3000);
      return false;
    } catch (error) {
      return (error as Error).message === 'stream ended';
    }
  }

  it("closes a device's open stream as soon as it logs out elsewhere or is signed out", async () => {
    const email = uniqueEmail();
    const laptop = new TestBrowser(t.app);
    await laptop.signUp(email);
    const phone = new TestBrowser(t.app);
    await phone.logIn(email);
    const laptopStream = await openStream(laptop);
    const phoneStream = await openStream(phone);
    await phoneStream.waitFor((events) => events.some((e) => e.event === 'hello'));
    await laptopStream.waitFor((events) => events.some((e) => e.event === 'hello'));

    await laptop.get('/settings');
    expect((await laptop.submit('/settings/devices/revoke-others', {})).status).toBe(303);
    expect(await endsSoon(phoneStream)).toBe(true);

    const [slot] = await sessionIdsOf(laptop);
    await act(laptop, slot!, 'start');
    await laptopStream.waitFor((events) => events.some((e) => e.event === 'change'));
    await laptop.submit('/logout', {});
    expect(await endsSoon(laptopStream)).toBe(true);
  });

  it('closes an API event stream when its token is revoked', async () => {
    const { apiCaller } = await import('../support/api.ts');
    const me = await apiCaller(t);
    const response = await me.call('/events');
    const reader = new SseReader(response);
    await reader.waitFor((events) => events.some((e) => e.event === 'hello'));
    const tokens = (await (await me.call('/tokens')).json()).items;
    expect((await me.call(`/tokens/${tokens[0].id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await endsSoon(reader)).toBe(true);
  });
});
