import { count, eq } from 'drizzle-orm';
import { type WebhookEndpointRow, webhookEndpoints } from '../../db/schema/index.ts';
import { AppError } from '../../domain/errors.ts';
import { eventsRefusedFor, NewWebhookInput } from '../../domain/webhook-events.ts';
import { generateWebhookSecret } from '../../security/webhook-signature.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { authorizeTeam } from '../teams/team-access.ts';
import { checkWebhookUrl } from './check-webhook-url.ts';
import { webhookSecretBox } from './webhook-secrets.ts';

export const MAX_ENDPOINTS_PER_PERSON = 20;

/**
 * Registers an endpoint and returns its signing secret, which is shown this once. A team's
 * endpoint needs an owner or admin of the team and takes team events only. Throws 'validation'
 * (including a refused address), 'not_found' (a team the actor is not in) and 'forbidden'.
 */
export async function createWebhook(
  deps: ServiceDeps,
  actor: Actor,
  input: NewWebhookInput,
): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const data = parseOrThrow(NewWebhookInput, input);
  assertTeamEvents(data.teamId, data.events);
  const url = await checkWebhookUrl(deps, data.url);
  const now = deps.clock.now();
  const secret = generateWebhookSecret();
  const endpoint = await deps.db.transaction(async (tx) => {
    if (data.teamId) await authorizeTeam(tx, actor, data.teamId, 'webhooks.manage', { forShare: true });
    const [owned] = await tx
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.userId, actor.id));
    if ((owned?.n ?? 0) >= MAX_ENDPOINTS_PER_PERSON)
      throw new AppError('validation', `Up to ${MAX_ENDPOINTS_PER_PERSON} webhooks each.`, {
        fields: { url: `Up to ${MAX_ENDPOINTS_PER_PERSON} webhooks each; delete one first.` },
      });
    const rows = await tx
      .insert(webhookEndpoints)
      .values({
        userId: actor.id,
        teamId: data.teamId ?? null,
        url,
        events: data.events,
        secretSealed: webhookSecretBox(deps).seal(secret),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return rows[0]!;
  });
  return { endpoint, secret };
}

export function assertTeamEvents(teamId: string | null | undefined, events: readonly string[]): void {
  const refused = eventsRefusedFor(teamId, events);
  if (refused.length === 0) return;
  const message = `A team’s webhook takes team events only, not ${refused.join(', ')}.`;
  throw new AppError('validation', message, { fields: { events: message } });
}
