import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import {
  teamMembers,
  users,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  webhookDeliveries,
  webhookEndpoints,
} from '../../db/schema/index.ts';
import { webhookIdOf } from '../../db/stores/webhook-outbox.ts';
import { hasTeamPermission } from '../../domain/team-policy.ts';
import { hasFailedTooLong, nextAttemptAfter, resultOfStatus } from '../../domain/webhook-retry.ts';
import { guardedRequest, type OutboundPolicy } from '../../security/guarded-fetch.ts';
import { webhookHeaders } from '../../security/webhook-signature.ts';
import type { ServiceDeps } from '../deps.ts';
import { tellOwnerWebhookStopped } from './tell-owner-webhook-stopped.ts';
import { signingSecretsOf, webhookSecretBox } from './webhook-secrets.ts';

export const DELIVERY_TIMEOUT_MS = 15_000;
/** A claimed attempt is due again after this long: a worker killed mid-flight is retried. */
export const CLAIM_LEASE_MS = 60_000;
const SNIPPET_CHARS = 500;

export type Claimed = { delivery: WebhookDeliveryRow; endpoint: WebhookEndpointRow };
export type DeliveryOptions = { limit?: number; timeoutMs?: number; policy?: Partial<OutboundPolicy> };
export type AttemptOutcome = {
  status: number | null;
  error: string | null;
  durationMs: number;
  snippet: string;
};

/**
 * Claims due deliveries of enabled endpoints (`for update skip locked`, so two workers never take
 * the same attempt) and moves each one's next attempt past the lease, counting the attempt.
 */
export async function claimDueDeliveries(deps: ServiceDeps, limit = 20): Promise<Claimed[]> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(
        and(
          eq(webhookDeliveries.status, 'pending'),
          lte(webhookDeliveries.nextAttemptAt, now),
          isNull(webhookEndpoints.disabledAt),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: now,
        nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS),
      })
      .where(
        inArray(
          webhookDeliveries.id,
          due.map((d) => d.delivery.id),
        ),
      );
    return due.map((d) => ({ ...d, delivery: { ...d.delivery, attempts: d.delivery.attempts + 1 } }));
  });
}

/** Sends one attempt, signed with the endpoint's current (and still valid previous) secret. */
export async function sendAttempt(deps: ServiceDeps, claimed: Claimed, options: DeliveryOptions = {}) {
  const now = deps.clock.now();
  const body = JSON.stringify(claimed.delivery.payload);
  const secrets = signingSecretsOf(webhookSecretBox(deps), claimed.endpoint, now);
  const headers = webhookHeaders(secrets, webhookIdOf(claimed.delivery.id), now, body);
  const started = performance.now();
  const policy = { allowPrivate: deps.config.webhookAllowPrivate, ...options.policy };
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const measured = () => Math.round(performance.now() - started);
  try {
    const answer = await guardedRequest(
      {
        url: claimed.endpoint.url,
        method: 'POST',
        headers,
        body,
        timeoutMs,
        maxBodyBytes: SNIPPET_CHARS * 4,
      },
      policy,
    );
    return {
      status: answer.status,
      error: null,
      durationMs: measured(),
      snippet: answer.body.slice(0, SNIPPET_CHARS),
    };
  } catch (error) {
    return {
      status: null,
      error: (error as Error).message.slice(0, 300),
      durationMs: measured(),
      snippet: '',
    };
  }
}

/** Whether the endpoint's owner may still see a team event (a removed member's may not). */
async function mayStillSee(deps: ServiceDeps, claimed: Claimed): Promise<boolean> {
  const teamId = claimed.delivery.teamId;
  if (!teamId) return true;
  const rows = await deps.db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, claimed.endpoint.userId)));
  return rows[0] !== undefined && hasTeamPermission(rows[0].role, 'team.read');
}

/** Records an attempt's outcome: delivered, retried on the schedule, or given up; stops the endpoint on 410 or a day of failures. */
async function recordOutcome(deps: ServiceDeps, claimed: Claimed, outcome: AttemptOutcome): Promise<void> {
  const now = deps.clock.now();
  const result = resultOfStatus(outcome.status);
  const next = result.kind === 'failed' ? nextAttemptAfter(claimed.delivery.attempts, now) : null;
  const status = result.kind === 'delivered' ? 'delivered' : next ? 'pending' : 'failed';
  const stopped = await deps.db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        status,
        nextAttemptAt: next,
        lastStatusCode: outcome.status,
        lastError: outcome.error,
        durationMs: outcome.durationMs,
        responseSnippet: outcome.snippet,
      })
      .where(eq(webhookDeliveries.id, claimed.delivery.id));
    const endpointId = claimed.endpoint.id;
    if (result.kind === 'delivered') {
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: null })
        .where(eq(webhookEndpoints.id, endpointId));
      return null;
    }
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(webhookEndpoints.id, endpointId))
      .returning();
    const reason =
      result.kind === 'gone' ? 'gone' : hasFailedTooLong(row?.failingSince ?? null, now) ? 'failing' : null;
    if (!reason) return null;
    const disabled = await tx
      .update(webhookEndpoints)
      .set({ disabledAt: now, disabledReason: reason, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)))
      .returning();
    return disabled[0] ?? null;
  });
  if (stopped) {
    const [owner] = await deps.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, stopped.userId));
    if (owner) await tellOwnerWebhookStopped(deps, owner.email, stopped);
  }
}

async function skipUnseen(deps: ServiceDeps, claimed: Claimed): Promise<void> {
  await deps.db
    .update(webhookDeliveries)
    .set({ status: 'skipped', nextAttemptAt: null, lastError: 'The owner is no longer in this team.' })
    .where(eq(webhookDeliveries.id, claimed.delivery.id));
}

/**
 * Sends every due delivery once (the worker's sweep) and returns how many it attempted. Safe to
 * run on several instances at once; a delivery may be sent twice (after a crash), always with the
 * same `webhook-id`, so receivers can drop the repeat.
 */
export async function deliverDueWebhooks(deps: ServiceDeps, options: DeliveryOptions = {}): Promise<number> {
  const claimed = await claimDueDeliveries(deps, options.limit);
  for (const item of claimed) {
    if (!(await mayStillSee(deps, item))) {
      await skipUnseen(deps, item);
      continue;
    }
    await recordOutcome(deps, item, await sendAttempt(deps, item, options));
  }
  return claimed.length;
}
