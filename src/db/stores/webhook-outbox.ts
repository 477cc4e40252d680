import { and, eq, isNull, sql } from 'drizzle-orm';
import { isTeamWebhookEvent, type WebhookEvent, webhookPayloadOf } from '../../domain/webhook-events.ts';
import type { Executor } from '../client.ts';
import { teamMembers, webhookDeliveries, webhookEndpoints } from '../schema/index.ts';

export type WebhookOccurrence = {
  /** Whose event it is (personal events); ignored for team events. */
  userId?: string;
  /** The team a team event is about. */
  teamId?: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
  at: Date;
};

/**
 * Writes one delivery row per subscribed, enabled endpoint inside the caller's transaction (an
 * outbox): a change that rolls back sends nothing, and the row's id is the delivery's
 * `webhook-id` from its first attempt to its last. A personal event goes to its person's personal
 * endpoints; a team event to the team's endpoints and to its members' personal ones. Whether the
 * owner may still see a team event is checked again when it is sent.
 */
export async function queueWebhooks(tx: Executor, occurrence: WebhookOccurrence): Promise<number> {
  const { event, teamId, userId, at } = occurrence;
  const subscribed = and(
    sql`${event} = any(${webhookEndpoints.events})`,
    isNull(webhookEndpoints.disabledAt),
  );
  let audience: ReturnType<typeof and>;
  if (isTeamWebhookEvent(event)) {
    if (!teamId) return 0;
    const members = tx
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, teamId));
    audience = sql`(${webhookEndpoints.teamId} = ${teamId} or (${webhookEndpoints.teamId} is null and ${webhookEndpoints.userId} in ${members}))`;
  } else {
    if (!userId) return 0;
    audience = and(eq(webhookEndpoints.userId, userId), isNull(webhookEndpoints.teamId));
  }
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(subscribed, audience));
  if (endpoints.length === 0) return 0;
  const payload = webhookPayloadOf(event, occurrence.data, at);
  await tx.insert(webhookDeliveries).values(
    endpoints.map((endpoint) => ({
      endpointId: endpoint.id,
      teamId: isTeamWebhookEvent(event) ? (teamId ?? null) : null,
      eventType: event,
      payload,
      nextAttemptAt: at,
      createdAt: at,
    })),
  );
  return endpoints.length;
}

/** The `webhook-id` of a delivery: stable, derived from its row. */
export function webhookIdOf(deliveryId: string): string {
  return `msg_${deliveryId.replaceAll('-', '')}`;
}
