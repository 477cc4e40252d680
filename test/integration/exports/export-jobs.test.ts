import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJobs, userEvents } from '../../../src/db/schema/index.ts';
import type { JobQueue } from '../../../src/jobs/queue.ts';
import { runExportJob } from '../../../src/services/exports/export-jobs.ts';
import { pruneExpired } from '../../../src/services/prune-expired.ts';
import { completed, insertDays, signedInPerson } from '../../support/exports.ts';
import { createTestApp, startTestJobQueue, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
let queue: JobQueue;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-30T12:00:00Z') });
  queue = await startTestJobQueue(t);
});
afterAll(async () => {
  await queue?.stop();
});

const statusOf = async (browser: { get(path: string): Promise<Response> }, path: string) => {
  const html = await (await browser.get(path)).text();
  return html.match(/id="export-status" data-status="(\w+)"/)?.[1];
};

describe('exports made in the background', () => {
  it('turns a long range into a job whose page follows it to a download', async () => {
    const { browser, actor } = await signedInPerson(t);
    await insertDays(t, actor.id, '2026-01-01', 120, (date, slot) => (slot === 1 ? completed(date, 45) : {}));

    const started = await browser.get('/exports/sessions.csv?from=2026-01-01&to=2026-04-30');
    expect(started.status).toBe(303);
    const page = started.headers.get('location')!;
    expect(page).toMatch(/^\/exports\/jobs\/[0-9a-f-]{36}$/);
    const html = await (await browser.get(page)).text();
    expect(html).toContain('Sessions, CSV, 2026-01-01 to 2026-04-30');

    await expect
      .poll(() => statusOf(browser, `${page}/status`), { timeout: 20_000, interval: 200 })
      .toBe('ready');
    const ready = await (await browser.get(page)).text();
    expect(ready).toContain('Your file is ready');
    expect(ready).toContain(`href="${page}/download"`);
    const id = page.split('/').at(-1)!;
    const [row] = await t.deps.db.select().from(exportJobs).where(eq(exportJobs.id, id));
    expect(row).toMatchObject({ status: 'ready', progress: 100, kind: 'sessions', format: 'csv' });
    // In the order they were recorded: a table's rows come back in no given order without one.
    const events = await t.deps.db
      .select()
      .from(userEvents)
      .where(eq(userEvents.userId, actor.id))
      .orderBy(asc(userEvents.id));
    const updates = events.filter((e) => e.type === 'export.updated').map((e) => e.payload);
    expect(updates.at(-1)).toEqual({ id, status: 'ready', progress: 100 });
    expect(updates.length).toBeGreaterThan(1);

    const download = await browser.get(`${page}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      'attachment; filename="deepsheet-sessions-2026-01-01-to-2026-04-30.csv"',
    );
    expect(download.headers.get('cache-control')).toContain('no-store');
    const lines = (await download.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 120 * 4);
    expect(lines[1]).toMatch(/^[0-9a-f-]{36},2026-01-01,1,Personal 1,personal,completed,/);

    // A second run of the same job leaves the finished file alone.
    await runExportJob(t.deps, { exportId: id });
    const [again] = await t.deps.db.select().from(exportJobs).where(eq(exportJobs.id, id));
    expect(again!.updatedAt).toEqual(row!.updatedAt);
  });

  it("answers 404 for another person's export, and for one past its 24 hours, which the prune removes", async () => {
    const owner = await signedInPerson(t);
    const other = await signedInPerson(t);
    const page = (await owner.browser.get('/exports/account.json')).headers.get('location')!;
    await expect.poll(() => statusOf(owner.browser, page), { timeout: 20_000, interval: 200 }).toBe('ready');
    expect((await other.browser.get(page)).status).toBe(404);
    expect((await other.browser.get(`${page}/download`)).status).toBe(404);
    expect((await other.browser.get(`${page}/status`)).status).toBe(404);

    const id = page.split('/').at(-1)!;
    t.clock.advance(25 * 3600);
    try {
      const gone = await owner.browser.get(page);
      expect(gone.status).toBe(404);
      expect(await gone.text()).toContain('Finished exports are kept for 24 hours.');
      expect((await pruneExpired(t.deps)).exports).toBeGreaterThanOrEqual(1);
      expect(await t.deps.db.select().from(exportJobs).where(eq(exportJobs.id, id))).toEqual([]);
    } finally {
      t.clock.set(new Date('2026-04-30T12:00:00Z'));
    }
  });

  it('shows a calm message when an export could not be made', async () => {
    const { browser, actor } = await signedInPerson(t);
    const now = t.clock.now();
    const [job] = await t.deps.db
      .insert(exportJobs)
      .values({
        userId: actor.id,
        kind: 'sessions',
        format: 'csv',
        params: { from: 'last spring' },
        createdAt: now,
        updatedAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      })
      .returning();
    await runExportJob(t.deps, { exportId: job!.id });
    const html = await (await browser.get(`/exports/jobs/${job!.id}`)).text();
    expect(html).toContain('data-status="failed"');
    expect(html).toContain('That date range is not valid.');
    expect(html).not.toContain('hx-trigger');
    expect((await browser.get(`/exports/jobs/${job!.id}/download`)).status).toBe(409);
  });

  it('makes a short range at once, without a job', async () => {
    const { browser } = await signedInPerson(t);
    const response = await browser.get('/exports/sessions.csv?from=2026-02-01&to=2026-04-30');
    expect(response.status).toBe(200);
    expect((await browser.get('/exports/report.pdf?from=2025-01-01&to=2025-12-31')).status).toBe(303);
  });
});
