import { PROVIDER_NAMES } from '../../../domain/integration-values.ts';
import type { presentIntegration } from '../../api/integration-schemas.ts';
import { formatDateOf, formatInstant } from '../sheet/format.ts';

export type IntegrationView = ReturnType<typeof presentIntegration>;

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "10:42" on the person's clock when it is today for them, "7 April 2026, 10:42" otherwise. */
function clockOf(at: Date, now: Date, timeZone: string): string {
  const full = formatInstant(at, timeZone);
  return formatDateOf(at, timeZone) === formatDateOf(now, timeZone) ? full.split(', ')[1]! : full;
}

/** Whether a sync was asked for (connecting, Sync now) and has not run since. */
function isSyncAsked(view: IntegrationView): boolean {
  if (!view.syncRequestedAt) return false;
  return !view.lastSyncedAt || new Date(view.syncRequestedAt) > new Date(view.lastSyncedAt);
}

/**
 * Where a connection's sync stands, in one calm sentence: under way (with how far), waiting for a
 * rate limit (until when), asked for, or done (when, and what it did). Problems are said apart.
 */
export function syncLine(view: IntegrationView, now: Date, timeZone: string): string {
  const name = PROVIDER_NAMES[view.provider];
  if (view.status === 'broken') return `${name} no longer accepts the token. Connect again with a new token.`;
  const waitingUntil = view.waitingUntil ? new Date(view.waitingUntil) : null;
  if (view.status === 'rate_limited' && waitingUntil && waitingUntil > now)
    return `Waiting for ${name}’s rate limit until ${clockOf(waitingUntil, now, timeZone)}; the sync carries on by itself.`;
  if (view.progress) {
    const p = view.progress;
    const where =
      p.repository && p.repositoriesTotal > 1
        ? `${p.repository} (${p.repositoriesDone + 1} of ${p.repositoriesTotal})`
        : (p.repository ?? 'the last repository');
    const seen = p.total
      ? `${p.seen.toLocaleString('en-GB')} of about ${count(p.total, 'issue')}`
      : count(p.seen, 'issue');
    return `Importing ${where}: ${seen} read so far.`;
  }
  if (isSyncAsked(view)) return 'A sync is on its way.';
  if (!view.lastSyncedAt) return 'Not synced yet.';
  const synced = new Date(view.lastSyncedAt);
  const [imported, updated, skipped] = [view.counts.imported, view.counts.updated, view.counts.skipped].map(
    (n) => n.toLocaleString('en-GB'),
  );
  return `Last synced ${clockOf(synced, now, timeZone)}: ${imported} imported, ${updated} updated, ${skipped} skipped.`;
}

/** Whether the page should ask again shortly: something is under way or about to be. */
export function isSyncMoving(view: IntegrationView, now: Date): boolean {
  if (view.status === 'broken') return false;
  if (view.progress) return true;
  const isWaiting = view.waitingUntil !== null && new Date(view.waitingUntil) > now;
  return !isWaiting && isSyncAsked(view);
}
