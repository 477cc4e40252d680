import { z } from 'zod';

// The events Deepsheet POSTs to webhook endpoints, and the rules of an endpoint's life that need
// no database: which events a team endpoint may take, how a payload reads, why one stops.

/** A person's own events: they go to the person's personal endpoints. */
export const PERSONAL_WEBHOOK_EVENTS = [
  'session.started',
  'session.paused',
  'session.completed',
  'session.skipped',
  'task.created',
  'task.completed',
  'day.completed',
] as const;

/** A team's events: they go to the team's endpoints and to its members' personal ones. */
export const TEAM_WEBHOOK_EVENTS = [
  'team.focus.changed',
  'team.task.changed',
  'team.member.changed',
] as const;

export const WEBHOOK_EVENTS = [...PERSONAL_WEBHOOK_EVENTS, ...TEAM_WEBHOOK_EVENTS] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type TeamWebhookEvent = (typeof TEAM_WEBHOOK_EVENTS)[number];

/** Sent by "Send a test event" only; no endpoint subscribes to it. */
export const TEST_EVENT = 'webhook.test';

/** What each event means, for the settings page and the API docs. */
export const WEBHOOK_EVENT_DOCS: Record<WebhookEvent, string> = {
  'session.started': 'A session started (or resumed after a pause).',
  'session.paused': 'A running session was paused.',
  'session.completed': 'A session was completed.',
  'session.skipped': 'A session was skipped.',
  'task.created': 'A task was created.',
  'task.completed': 'A task was marked done.',
  'day.completed': 'All four sessions of a day are completed or skipped.',
  'team.focus.changed': 'A teammate who shares their focus started, paused or ended a session.',
  'team.task.changed': 'A task in one of the team’s projects was created, changed or deleted.',
  'team.member.changed': 'Someone joined or left the team, or a role changed.',
};

export function isTeamWebhookEvent(event: string): event is TeamWebhookEvent {
  return (TEAM_WEBHOOK_EVENTS as readonly string[]).includes(event);
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why an endpoint stopped: its owner's choice, a 410 Gone, or a day of failures. */
export const DISABLED_REASONS = ['owner', 'gone', 'failing'] as const;
export type DisabledReason = (typeof DISABLED_REASONS)[number];

/** The JSON body of a delivery, as the Standard Webhooks spec suggests: type, timestamp, data. */
export type WebhookPayload = { type: string; timestamp: string; data: Record<string, unknown> };

export function webhookPayloadOf(type: string, data: Record<string, unknown>, at: Date): WebhookPayload {
  return { type, timestamp: at.toISOString(), data };
}

/** The session events a state change makes, if any: a resume counts as a start. */
export function sessionEventOf(from: string, to: string): WebhookEvent | undefined {
  if (from === to) return undefined;
  if (to === 'active') return 'session.started';
  if (to === 'paused') return 'session.paused';
  if (to === 'completed') return 'session.completed';
  if (to === 'skipped') return 'session.skipped';
  return undefined;
}

/** A day is complete when every one of its sessions is completed or skipped. */
export function isDayComplete(states: readonly string[]): boolean {
  return states.length > 0 && states.every((s) => s === 'completed' || s === 'skipped');
}

const MAX_URL = 2000;
export const WebhookUrl = z
  .string({ message: 'Give the address to send events to.' })
  .trim()
  .min(1, 'Give the address to send events to.')
  .max(MAX_URL, `Keep the address under ${MAX_URL + 1} characters.`)
  .refine((value) => URL.canParse(value), 'Use a full address such as https://example.com/hooks.');

export const WebhookEventList = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `Choose from ${WEBHOOK_EVENTS.join(', ')}.` }))
  .min(1, 'Choose at least one event.')
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);

export const NewWebhookInput = z
  .object({
    url: WebhookUrl,
    events: WebhookEventList,
    teamId: z.string().uuid('That team does not exist.').optional(),
  })
  .strict();
export type NewWebhookInput = z.input<typeof NewWebhookInput>;

export const WebhookPatch = z
  .object({
    url: WebhookUrl.optional(),
    events: WebhookEventList.optional(),
    enabled: z.boolean({ message: 'Say true or false.' }).optional(),
    rotateSecret: z.literal(true, { message: 'Send true to rotate the secret.' }).optional(),
  })
  .strict();
export type WebhookPatch = z.input<typeof WebhookPatch>;

/** Team endpoints take the team's events only; a personal one may take any. */
export function eventsRefusedFor(teamId: string | undefined | null, events: readonly string[]): string[] {
  return teamId ? events.filter((e) => !isTeamWebhookEvent(e)) : [];
}
