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
};

/** How services queue background work without knowing the queue. */
export interface JobSender {
  send(request: JobRequest): Promise<void>;
}

export type JobTransport = (request: JobRequest) => Promise<void>;
export type AttachableJobSender = JobSender & { attach(transport: JobTransport): Promise<void> };

const MAX_WAITING = 1000;

/**
 * A sender that holds requests until the queue is attached (the queue starts after the server is
 * ready, and tests may run without one), then passes them straight through. Requests are
 * best-effort: the nightly and hourly jobs repair anything lost with a crash.
 */
export function createJobSender(logger: Logger): AttachableJobSender {
  let transport: JobTransport | undefined;
  const waiting: JobRequest[] = [];
  return {
    async send(request) {
      if (transport) return transport(request);
      if (waiting.length >= MAX_WAITING) waiting.shift();
      waiting.push(request);
    },
    async attach(next) {
      transport = next;
      for (const request of waiting.splice(0)) {
        await next(request).catch((error: unknown) =>
          logger.warn({ err: error, job: request.name }, 'job not queued'),
        );
      }
    },
  };
}
