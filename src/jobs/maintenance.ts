import type { ServiceDeps } from '../services/deps.ts';
import { pruneExpired } from '../services/prune-expired.ts';

const HOUR_MS = 3_600_000;

/** Runs the hourly clean-up in this process, first a minute after start. Returns a stop function. */
export function startMaintenance(deps: ServiceDeps): () => void {
  const run = () => {
    pruneExpired(deps)
      .then((counts) => deps.logger.info({ job: 'prune-expired', ...counts }, 'pruned expired data'))
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, job: 'prune-expired' }, 'prune failed; will retry'),
      );
  };
  const first = setTimeout(run, 60_000);
  const every = setInterval(run, HOUR_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
