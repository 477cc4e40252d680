import { describe, expect, it } from 'vitest';
import { type IntegrationView, isSyncMoving, syncLine } from './sync-line.ts';

const NOW = new Date('2026-04-06T10:00:00Z');
const BERLIN = 'Europe/Berlin';
const base: IntegrationView = {
  id: 'c1',
  provider: 'github',
  baseUrl: 'https://api.github.com',
  accountLogin: 'octo',
  repositories: ['acme/app'],
  projectId: null,
  status: 'ok',
  lastError: null,
  waitingUntil: null,
  lastSyncedAt: null,
  syncRequestedAt: null,
  counts: { imported: 0, updated: 0, skipped: 0 },
  progress: null,
  createdAt: NOW.toISOString(),
};
const view = (change: Partial<IntegrationView>): IntegrationView => ({ ...base, ...change });

describe('syncLine', () => {
  it('says a sync is on its way once asked, and stops asking again when it has run', () => {
    const asked = view({ syncRequestedAt: NOW.toISOString() });
    expect(syncLine(asked, NOW, BERLIN)).toBe('A sync is on its way.');
    expect(isSyncMoving(asked, NOW)).toBe(true);
    const done = view({
      syncRequestedAt: NOW.toISOString(),
      lastSyncedAt: '2026-04-06T10:00:05Z',
      counts: { imported: 1234, updated: 2, skipped: 0 },
    });
    expect(syncLine(done, NOW, BERLIN)).toBe('Last synced 12:00: 1,234 imported, 2 updated, 0 skipped.');
    expect(isSyncMoving(done, NOW)).toBe(false);
  });

  it('gives the date as well when the last sync was another day on the person’s clock', () => {
    const yesterday = view({ lastSyncedAt: '2026-04-05T21:30:00Z' });
    expect(syncLine(yesterday, NOW, BERLIN)).toBe(
      'Last synced 5 April 2026, 23:30: 0 imported, 0 updated, 0 skipped.',
    );
  });

  it('says how far an import is, naming the repository among several', () => {
    const progress = {
      repository: 'acme/web',
      repositoriesDone: 1,
      repositoriesTotal: 3,
      seen: 1200,
      total: 4000,
      startedAt: NOW.toISOString(),
    };
    expect(syncLine(view({ progress }), NOW, BERLIN)).toBe(
      'Importing acme/web (2 of 3): 1,200 of about 4,000 issues read so far.',
    );
    expect(
      syncLine(view({ progress: { ...progress, repositoriesTotal: 1, total: null, seen: 1 } }), NOW, BERLIN),
    ).toBe('Importing acme/web: 1 issue read so far.');
  });

  it('says until when it waits for a rate limit, and not once the wait is over', () => {
    const waiting = view({
      status: 'rate_limited',
      waitingUntil: '2026-04-06T10:42:00Z',
      syncRequestedAt: NOW.toISOString(),
    });
    expect(syncLine(waiting, NOW, BERLIN)).toBe(
      'Waiting for GitHub’s rate limit until 12:42; the sync carries on by itself.',
    );
    expect(isSyncMoving(waiting, NOW)).toBe(false);
    expect(syncLine(waiting, new Date('2026-04-06T10:43:00Z'), BERLIN)).toBe('A sync is on its way.');
  });

  it('asks to connect again when the token was refused, and does not poll', () => {
    const broken = view({ provider: 'gitlab', status: 'broken', syncRequestedAt: NOW.toISOString() });
    expect(syncLine(broken, NOW, BERLIN)).toBe(
      'GitLab no longer accepts the token. Connect again with a new token.',
    );
    expect(isSyncMoving(broken, NOW)).toBe(false);
  });
});
