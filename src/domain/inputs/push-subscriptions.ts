import { z } from 'zod';

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} must be base64url.`)
    .refine(
      (value) => Math.floor((value.replace(/=+$/, '').length * 3) / 4) === bytes,
      `${what} must be ${bytes} bytes.`,
    );

/**
 * A browser's PushSubscription as `subscription.toJSON()` gives it: the push service's endpoint
 * and the device's keys (a P-256 public key, 65 bytes uncompressed, and a 16-byte auth secret).
 * Whether the endpoint may be reached (https, a public address) is the service's check.
 */
export const NewPushSubscriptionInput = z
  .object({
    endpoint: z.string().max(2048, 'The endpoint is too long.').url('The endpoint must be a URL.'),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url(65, 'keys.p256dh'), auth: base64url(16, 'keys.auth') }).strict(),
  })
  .strict();
export type NewPushSubscriptionInput = z.input<typeof NewPushSubscriptionInput>;

/** The two buttons of a time's-up notification. */
export const PUSH_ACTIONS = ['complete', 'keepGoing'] as const;
export type PushAction = (typeof PUSH_ACTIONS)[number];

/**
 * A button pressed on a time's-up notification, sent by the service worker with the device's
 * cookie and the token that push carried (which names this subscription and this session).
 */
export const PushActionInput = z
  .object({
    subscriptionId: z.uuid('That notification is not valid.'),
    sessionId: z.uuid('That notification is not valid.'),
    action: z.enum(PUSH_ACTIONS),
    token: z.string().min(20).max(100),
  })
  .strict();
export type PushActionInput = z.input<typeof PushActionInput>;
