import { describe, expect, it } from 'vitest';
import { NewPushSubscriptionInput, PushActionInput } from './inputs/push-subscriptions.ts';
import { timeUpPushPayload } from './time-up-push.ts';

const KEY = `B${'A'.repeat(86)}`;
const AUTH = 'A'.repeat(22);

describe('the time’s-up push', () => {
  it.each([
    [
      2,
      'Draft the sync design note',
      45,
      'Personal 2 · time is up',
      '45 minutes on “Draft the sync design note”',
    ],
    [4, '', 30, 'Admin · time is up', '30 minutes'],
    [1, '   ', 55, 'Personal 1 · time is up', '55 minutes'],
  ] as const)(
    'slot %i with goal %j reads as the notification the person sees',
    (slot, goal, minutes, title, body) => {
      const payload = timeUpPushPayload({
        slot,
        goal,
        minutes,
        sessionId: 's',
        subscriptionId: 'd',
        token: 't',
      });
      expect(payload).toMatchObject({ kind: 'time-up', title, body, url: '/' });
      expect(payload.actions).toEqual([
        { action: 'complete', title: 'Complete' },
        { action: 'keepGoing', title: 'Keep going' },
      ]);
    },
  );
});

describe('a browser’s PushSubscription', () => {
  it.each([
    [{ endpoint: 'https://push.example/abc', keys: { p256dh: KEY, auth: AUTH } }, true],
    [{ endpoint: 'https://push.example/abc', expirationTime: null, keys: { p256dh: KEY, auth: AUTH } }, true],
    [{ endpoint: 'not a url', keys: { p256dh: KEY, auth: AUTH } }, false],
    [{ endpoint: 'https://push.example/abc', keys: { p256dh: KEY.slice(1), auth: AUTH } }, false],
    [{ endpoint: 'https://push.example/abc', keys: { p256dh: KEY, auth: `${AUTH}AA` } }, false],
    [{ endpoint: 'https://push.example/abc', keys: { p256dh: KEY, auth: 'not+base64url' } }, false],
    [{ endpoint: 'https://push.example/abc' }, false],
    [{ endpoint: `https://push.example/${'a'.repeat(2100)}`, keys: { p256dh: KEY, auth: AUTH } }, false],
  ])('%j is accepted: %s', (input, ok) => {
    expect(NewPushSubscriptionInput.safeParse(input).success).toBe(ok);
  });

  it('takes only Complete and Keep going from a notification', () => {
    const base = {
      subscriptionId: '6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d11',
      sessionId: '6b1f0b5e-1d7e-4c2a-9f5e-2f0a3c1b9d12',
      token: 'x'.repeat(43),
    };
    expect(PushActionInput.safeParse({ ...base, action: 'complete' }).success).toBe(true);
    expect(PushActionInput.safeParse({ ...base, action: 'keepGoing' }).success).toBe(true);
    expect(PushActionInput.safeParse({ ...base, action: 'reset' }).success).toBe(false);
  });
});
