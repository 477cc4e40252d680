import { labelOfSlot, type SlotNumber } from './sheet.ts';

/** How long "Keep going" on a time's-up notification extends the session (as on the page). */
export const PUSH_KEEP_GOING_MINUTES = 10;

/** What a time's-up push carries to the service worker; the words are the server's, in one place. */
export type TimeUpPushPayload = {
  kind: 'time-up';
  title: string;
  body: string;
  sessionId: string;
  subscriptionId: string;
  /** Lets the notification's buttons act for this session on this device (see answer-push-action). */
  token: string;
  url: string;
  actions: { action: 'complete' | 'keepGoing'; title: string }[];
};

/** The notification of a session whose planned end has passed: "Personal 2 · time is up". */
export function timeUpPushPayload(input: {
  slot: SlotNumber;
  goal: string;
  minutes: number;
  sessionId: string;
  subscriptionId: string;
  token: string;
}): TimeUpPushPayload {
  const goal = input.goal.trim();
  return {
    kind: 'time-up',
    title: `${labelOfSlot(input.slot)} · time is up`,
    body: goal ? `${input.minutes} minutes on “${goal}”` : `${input.minutes} minutes`,
    sessionId: input.sessionId,
    subscriptionId: input.subscriptionId,
    token: input.token,
    url: '/',
    actions: [
      { action: 'complete', title: 'Complete' },
      { action: 'keepGoing', title: 'Keep going' },
    ],
  };
}
