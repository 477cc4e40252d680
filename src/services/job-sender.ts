import type { Logger } from 'pino';

/** The background jobs services may ask for; the worker side lives in src/jobs. */
export const JOB_NAMES = {
  recomputeInsights: 'recompute-insights',
  runExport: 'run-export',
  // Webhooks (issue 15): sweep due deliveries now.
  deliverWebhooks: 'deliver-webhooks',
  // Slack focus status (issue 15)
  syncSlackStatus: 'sync-slack-status',
  syncIntegration: 'sync-integration',
  // Web Push (issue 16): the time's-up notification, due at a running session's planned end.
  pushTimeUp: 'push.time-up',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

export type JobRequest = {
  name: JobName;
  data: Record<string, unknown>;
  /**
   * Coalesce requests with the same key arriving within this many seconds into one run at the
   * end of the window (pg-boss sendDebounced): a burst of timer actions recomputes once.
   */
  debounce?: { key: string; seconds: number };
  /** Per-key exclusivity on queues with a singleton/stately policy (one Slack sync per person). */
  singletonKey?: string;
  /**
   * Run no earlier than this many seconds from now. With `singletonKey` the queued job of that key
   * is moved (pg-boss upsert) instead of a second one being added: a resumed timer reschedules.
   */
  startAfterSeconds?: number;
  /** Cancel the queued job of `singletonKey` instead of sending one (a paused timer's push). */
  cancelQueued?: boolean;
};

/** How services queue background work without knowing the queue. */
export interface JobSender {
  send(request: JobRequest): Promise<void>;
}

export type JobTransport = (request: JobRequest) => Promise<void>;
export type AttachableJobSender = JobSender & {
  attach(transport: JobTransport): Promise<void>;
  /** Resolves once every request sent so far has reached the queue (tests wait on it). */
  idle(): Promise<void>;
};

const MAX_WAITING = 1000;

/**
 * A sender that holds requests until the queue is attached (the queue starts after the server is
 * ready, and tests may run without one), then passes them straight through. Requests are
 * best-effort: the nightly and hourly jobs repair anything lost with a crash.
 */
export function createJobSender(logger: Logger): AttachableJobSender {
  let transport: JobTransport | undefined;
  const waiting: JobRequest[] = [];
  // Requests with one singletonKey reach the queue in the order they were made: a pause's cancel
  // racing the resume's reschedule must not land after it (the resumed timer would get no push).
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const pass = (next: JobTransport, request: JobRequest): Promise<void> => {
    const key = request.singletonKey && `${request.name}:${request.singletonKey}`;
    const run = key ? (tails.get(key) ?? Promise.resolve()).then(() => next(request)) : next(request);
    const settled = run.catch(() => undefined);
    inFlight.add(settled);
    if (key) tails.set(key, settled);
    void settled.then(() => {
      inFlight.delete(settled);
      if (key && tails.get(key) === settled) tails.delete(key);
    });
    return run;
  };
  return {
    async send(request) {
      if (transport) return pass(transport, request);
      if (waiting.length >= MAX_WAITING) waiting.shift();
      waiting.push(request);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async attach(next) {
      transport = next;
      for (const request of waiting.splice(0)) {
        await pass(next, request).catch((error: unknown) =>
          logger.warn({ err: error, job: request.name }, 'job not queued'),
        );
      }
    },
  };
}
