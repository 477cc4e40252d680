import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../support/api.ts';
import { completed, insertDays } from '../../support/exports.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-06T07:00:00Z') });
});

const DAYS = 1250; // 5,000 sessions

describe('a large export', () => {
  it('streams 5,000 sessions batch by batch as the reader pulls, never the whole file at once', async () => {
    const me = await apiCaller(t);
    await insertDays(t, me.userId, '2022-11-01', DAYS, (date, slot) =>
      slot === 4 ? {} : completed(date, 45, { goal: `Goal of ${date}, slot ${slot}` }),
    );
    const response = await me.call('/exports/sessions?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(response.headers.get('content-length')).toBeNull();
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value, { stream: true }));
    }
    // A header row, then one chunk per batch of 500 rows read from the database.
    expect(chunks).toHaveLength(1 + (DAYS * 4) / 500);
    expect(chunks[0]).toMatch(/^id,date,slot,/);
    for (const chunk of chunks.slice(1)) expect(chunk.split('\r\n').length - 1).toBe(500);
    const rows = chunks.join('').trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(DAYS * 4);
    expect(rows[0]).toContain(',2022-11-01,1,Personal 1,personal,completed,"Goal of 2022-11-01, slot 1",');
    expect(rows.at(-1)).toMatch(/,2026-04-03,4,Admin,admin,planned,/);
  });

  it('hands out the first batch as JSON before the rest is read, and lets the reader stop early', async () => {
    const me = await apiCaller(t);
    await insertDays(t, me.userId, '2023-01-01', 500);
    const response = await me.call('/exports/sessions?format=json');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.startsWith('[\n{"id":')).toBe(true);
    expect(first.split('\n')).toHaveLength(501);
    await reader.cancel();
  });
});
