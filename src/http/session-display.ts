import type { StoredSession } from '../db/stores/session-store.ts';
import type { LocalDate } from '../domain/local-date.ts';
import { availableActions, labelOfSlot } from '../domain/sheet.ts';
import {
  elapsedMs,
  isTimeUp,
  overtimeSeconds,
  remainingSeconds,
  type TimerActionType,
  targetSeconds,
} from '../domain/timer.ts';

/** What a slot card needs to show a session at one instant. */
export type SessionDisplay = {
  session: StoredSession;
  label: string;
  actions: Set<TimerActionType>;
  elapsedMs: number;
  targetMs: number;
  remainingSeconds: number;
  overtimeSeconds: number;
  isTimeUp: boolean;
  focusMinutes: number;
};

export function displaySession(session: StoredSession, today: LocalDate, now: Date): SessionDisplay {
  return {
    session,
    label: labelOfSlot(session.slot),
    actions: new Set(availableActions(session, today, now)),
    elapsedMs: Math.round(elapsedMs(session, now)),
    targetMs: targetSeconds(session) * 1000,
    remainingSeconds: remainingSeconds(session, now),
    overtimeSeconds: overtimeSeconds(session, now),
    isTimeUp: isTimeUp(session, now),
    focusMinutes: Math.round((session.focusSeconds ?? 0) / 60),
  };
}
