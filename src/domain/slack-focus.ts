import { z } from 'zod';
import { oneLine } from './fields.ts';
import { boardTimeOf } from './team-focus.ts';
import { type SessionState, type TimerState, timeUpAt } from './timer.ts';

/** What a person's Slack profile should show now: our focus status, or theirs back. */
export type DesiredSlackStatus =
  | {
      kind: 'focus';
      sessionId: string;
      text: string;
      emoji: string;
      /** The session's planned end: Slack clears the status by itself then, even if we are down. */
      expiresAt: Date;
      /** Do Not Disturb for this many whole minutes (until the planned end), or null to leave it. */
      dndMinutes: number | null;
    }
  | { kind: 'restore' };

export type SlackFocusSettings = { statusTemplate: string; statusEmoji: string; setDnd: boolean };

export type FocusCandidate = Pick<
  TimerState,
  'state' | 'activeSince' | 'accumulatedMs' | 'plannedMinutes' | 'extensionSeconds'
> & { id: string };

export const END_PLACEHOLDER = '{end}';
/** Slack's limits: a status text of 100 characters; an emoji is a `:name:` code. */
export const MAX_STATUS_TEXT_LENGTH = 100;

export const SlackStatusText = oneLine(MAX_STATUS_TEXT_LENGTH, 'the status text').pipe(
  z.string().min(1, 'Enter the status text, for example "In deep work until {end}".'),
);
export const SlackStatusEmoji = z
  .string({ message: 'Enter the emoji as text.' })
  .trim()
  .regex(/^:[a-z0-9_+'-]{1,80}:$/, 'Use a Slack emoji code such as :headphones:.');

/** The status words, with `{end}` as the planned end in the person's time zone ("10:45"). */
export function statusTextOf(template: string, end: Date, now: Date, timeZone: string): string {
  return template.split(END_PLACEHOLDER).join(boardTimeOf(end, now, timeZone));
}

/**
 * What Slack should show for a person whose running session (if any) is `running`: our status
 * until its planned end while it runs and that end is ahead, otherwise theirs back ('restore').
 * A paused session restores too: the person is reachable while it waits. Pure: `now` is given.
 */
export function desiredSlackStatus(
  running: FocusCandidate | null,
  settings: SlackFocusSettings,
  now: Date,
  timeZone: string,
): DesiredSlackStatus {
  const end = running ? timeUpAt(running) : null;
  if (!running || !end || end.getTime() <= now.getTime()) return { kind: 'restore' };
  const minutes = Math.ceil((end.getTime() - now.getTime()) / 60_000);
  return {
    kind: 'focus',
    sessionId: running.id,
    text: statusTextOf(settings.statusTemplate, end, now, timeZone),
    emoji: settings.statusEmoji,
    expiresAt: end,
    dndMinutes: settings.setDnd ? minutes : null,
  };
}

/** Slack writes follow state changes and a moved planned end ("Keep going"), never edits or ticks. */
export function changesSlackFocus(
  before: Pick<TimerState, 'state' | 'extensionSeconds'> & { state: SessionState },
  after: Pick<TimerState, 'state' | 'extensionSeconds'>,
): boolean {
  return before.state !== after.state || before.extensionSeconds !== after.extensionSeconds;
}

/** What is on the person's profile from us, as the connection remembers it. */
export type AppliedSlackStatus = {
  isApplied: boolean;
  appliedSessionId: string | null;
  appliedText: string | null;
  appliedEmoji: string | null;
  appliedUntil: Date | null;
};

export type SlackSyncStep =
  /** Put our status on; `rememberPrevious`: read and keep theirs first (ours is not on yet). */
  | { kind: 'apply'; rememberPrevious: boolean }
  /** Put theirs back (if the profile still shows ours) and end Do Not Disturb. */
  | { kind: 'restore' }
  | { kind: 'nothing' };

/**
 * The step that makes Slack match `desired`, given what we applied before. Running it twice, or
 * out of order, ends in the same place: a status already applied is not written again, and the
 * status remembered as theirs is captured only while ours is not on.
 */
export function slackSyncStep(applied: AppliedSlackStatus, desired: DesiredSlackStatus): SlackSyncStep {
  if (desired.kind === 'restore') return applied.isApplied ? { kind: 'restore' } : { kind: 'nothing' };
  if (!applied.isApplied) return { kind: 'apply', rememberPrevious: true };
  const isSame =
    applied.appliedSessionId === desired.sessionId &&
    applied.appliedText === desired.text &&
    applied.appliedEmoji === desired.emoji &&
    applied.appliedUntil?.getTime() === desired.expiresAt.getTime();
  return isSame ? { kind: 'nothing' } : { kind: 'apply', rememberPrevious: false };
}

/** Whether the profile still shows our status: if the person changed it meanwhile, theirs stays. */
export function isStillOurStatus(
  profile: { statusText: string; statusEmoji: string },
  applied: Pick<AppliedSlackStatus, 'appliedText' | 'appliedEmoji'>,
): boolean {
  return profile.statusText === applied.appliedText && profile.statusEmoji === applied.appliedEmoji;
}

/**
 * The status to put back: theirs as it was, but an expiration that has passed meanwhile means
 * Slack would have cleared it by now, so it is cleared.
 */
export function statusToRestore(
  previous: { text: string | null; emoji: string | null; expiration: Date | null },
  now: Date,
): { text: string; emoji: string; expiration: Date | null } {
  const expired = previous.expiration !== null && previous.expiration.getTime() <= now.getTime();
  if (expired) return { text: '', emoji: '', expiration: null };
  return { text: previous.text ?? '', emoji: previous.emoji ?? '', expiration: previous.expiration };
}
