import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { UserRow } from '../db/schema/index.ts';
import type { Clock } from '../domain/clock.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { JobSender } from './job-sender.ts';

/** What every use case may touch. Built once by openRuntime (src/runtime.ts) or a test, and passed down. */
export type ServiceDeps = {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  mailer: Mailer;
  /** Queues background work (insight recomputes, long exports). */
  jobs: JobSender;
  /** How issue-tracker clients reach GitHub/GitLab (global fetch unless a guard is wired in). */
  integrationFetch?: (input: string, init?: RequestInit) => Promise<Response>;
};

/**
 * The person on whose behalf a service acts. `user` is their row as this request's authentication
 * read it (session or token lookup joins it): services take it from there instead of reading the
 * same row again. It lives only as long as the request.
 */
export type Actor = { id: string; email: string; isAdmin: boolean; user?: UserRow };
