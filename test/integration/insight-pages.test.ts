import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.ts';
import { recomputeInsights } from '../../src/services/insights.ts';
import { signUpPerson } from '../support/factories.ts';
import { TestBrowser } from '../support/http-client.ts';
import { done, skip, storeDays } from '../support/insight-history.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

/** Thursday 2026-04-09, 15:00 UTC. */
const THURSDAY = new Date('2026-04-09T15:00:00Z');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: THURSDAY });
});

/** Signed in, in UTC, with last week's focus, this week skipped, and the insights computed. */
async function personWithInsights() {
  const { browser, user } = await signUpPerson(t);
  await storeDays(t.deps.db, user.id, {
    '2026-03-31': { 1: done(45, '2026-03-31T09:00:00Z'), 2: done(45, '2026-03-31T10:00:00Z') },
    '2026-04-07': { 1: skip, 2: skip, 3: skip },
    '2026-04-08': { 1: skip, 2: skip, 3: skip },
  });
  await recomputeInsights(t.deps, user.id);
  return { browser, user };
}

const cardIds = (html: string) =>
  [...html.matchAll(/action="\/insights\/([0-9a-f-]+)\/dismiss"/g)].map((m) => m[1]!);
const cardRules = (html: string) => [...html.matchAll(/data-rule="([a-z-]+)"/g)].map((m) => m[1]!);

describe('insight cards', () => {
  it('show on the reports page with their numbers and one suggestion each', async () => {
    const { browser } = await personWithInsights();
    const html = await (await browser.get('/reports')).text();
    const start = html.indexOf('<section id="insights"');
    const section = html.slice(start, html.indexOf('</section>', start));
    expect(cardRules(section)).toEqual(['low-focus', 'skipped-run']);
    expect(section.replace(/<[^>]+>/g, '')).not.toContain('!');
    expect(html).toContain('Your last 6 personal sessions, over 2 days, were skipped.');
    expect(html).toMatch(/<dt>Focus this week<\/dt><dd class="tabular-nums">0 min<\/dd>/);
    expect(html).toMatch(/<dt>Weekly target<\/dt><dd class="tabular-nums">10 h<\/dd>/);
    expect(html).toContain('Plan one 25-minute session for the next free slot');
  });

  it('a new person sees a calm empty state', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail(), undefined, 'UTC');
    const html = await (await browser.get('/reports')).text();
    expect(html).toContain('Nothing to point out for now.');
  });

  it('dismisses with a plain form, back to the reports page, and the card stays away', async () => {
    const { browser, user } = await personWithInsights();
    const [first] = cardIds(await (await browser.get('/reports')).text());
    const response = await browser.submit(`/insights/${first}/dismiss`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/reports#insights');
    await recomputeInsights(t.deps, user.id);
    const after = await (await browser.get('/reports')).text();
    expect(cardIds(after)).not.toContain(first);
    expect(cardRules(after)).toEqual(['skipped-run']);
  });

  it('dismisses in place for htmx and answers the remaining cards as the live fragment does', async () => {
    const { browser } = await personWithInsights();
    const [first, second] = cardIds(await (await browser.get('/reports')).text());
    const response = await browser.request(`/insights/${first}/dismiss`, {
      method: 'POST',
      headers: {
        'hx-request': 'true',
        'x-csrf-token': browser.csrfToken,
        origin: browser.origin,
        'sec-fetch-site': 'same-origin',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const fragment = await response.text();
    expect(fragment).toMatch(/^<div id="insight-cards"/);
    expect(cardIds(fragment)).toEqual([second]);
    const live = await browser.get('/insights/fragment');
    expect(live.status).toBe(200);
    expect(cardIds(await live.text())).toEqual([second]);
  });

  it('refuses another person’s insight with 404, and a dismissal without the CSRF token', async () => {
    const owner = await personWithInsights();
    const [theirs] = cardIds(await (await owner.browser.get('/reports')).text());
    const stranger = new TestBrowser(t.app);
    await stranger.signUp(uniqueEmail('stranger'), undefined, 'UTC');
    expect((await stranger.submit(`/insights/${theirs}/dismiss`, {})).status).toBe(404);
    expect((await stranger.submit('/insights/not-an-id/dismiss', {})).status).toBe(404);
    expect((await owner.browser.submit(`/insights/${theirs}/dismiss`, {}, { csrf: null })).status).toBe(403);
    expect(cardIds(await (await owner.browser.get('/insights/fragment')).text())).toContain(theirs);
    expect((await new TestBrowser(t.app).get('/insights/fragment')).status).toBe(303);
  });
});

describe('weekly focus target', () => {
  it('is set in Settings, and refused outside 30 to 6,000 minutes with a clear message', async () => {
    const browser = new TestBrowser(t.app);
    const email = uniqueEmail();
    await browser.signUp(email, undefined, 'UTC');
    const fields = { timeZone: 'UTC', sessionLengthMinutes: '45', weekStart: 'monday', theme: 'system' };
    const saved = await browser.submit('/settings/preferences', {
      ...fields,
      weeklyFocusTargetMinutes: '900',
    });
    expect(saved.status).toBe(303);
    const user = (await t.deps.db.select().from(users).where(eq(users.email, email)))[0]!;
    expect(user.weeklyFocusTargetMinutes).toBe(900);
    expect(await (await browser.get('/settings')).text()).toContain('name="weeklyFocusTargetMinutes"');

    for (const [value, message] of [
      ['29', 'At least 30 minutes a week.'],
      ['6001', 'At most 6,000 minutes (100 hours) a week.'],
      ['ten hours', 'Enter a number of minutes.'],
    ]) {
      const refused = await browser.submit('/settings/preferences', {
        ...fields,
        weeklyFocusTargetMinutes: value!,
      });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain(message);
    }
  });
});
