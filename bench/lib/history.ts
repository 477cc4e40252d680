// A seeded, reproducible work history for one person: four slots a day, tasks, projects, the links
// between sessions and tasks, and context switches, in the proportions of issue 7's five years
// (about 7,300 sessions, 20,000 context switches and 3,000 tasks).
import type { InferInsertModel } from 'drizzle-orm';
import {
  type contextSwitches,
  type focusSessions,
  type projects,
  SWITCH_REASONS,
  type sessionTasks,
  TASK_TYPES,
  type tasks,
} from '../../src/db/schema/index.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import { addDays, dayOfWeek, type LocalDate, startOfLocalDay } from '../../src/domain/local-date.ts';
import type { SlotNumber } from '../../src/domain/sheet.ts';

const TASKS_PER_DAY = 3000 / 1826;
const SWITCHES_PER_DAY = 20_000 / 1826;

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type History = {
  projects: InferInsertModel<typeof projects>[];
  tasks: InferInsertModel<typeof tasks>[];
  sessions: InferInsertModel<typeof focusSessions>[];
  sessionTasks: InferInsertModel<typeof sessionTasks>[];
  switches: InferInsertModel<typeof contextSwitches>[];
};

export type HistoryOptions = {
  userId: string;
  timeZone: string;
  /** The last day generated (inclusive); the history covers `days` days up to it. */
  lastDay: LocalDate;
  days: number;
  seed: number;
  sessionLengthMinutes?: number;
  /** Every day focused (no weekends off, no holidays): the worst case for the streak. */
  isUnbroken?: boolean;
};

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Generates the rows; nothing is written. The same options give the same rows. */
export function generateHistory(options: HistoryOptions): History {
  const random = seededRandom(options.seed);
  const minutes = options.sessionLengthMinutes ?? 45;
  const firstDay = addDays(options.lastDay, -(options.days - 1));
  const history: History = { projects: [], tasks: [], sessions: [], sessionTasks: [], switches: [] };

  const projectCount = Math.max(3, Math.round(options.days / 45));
  for (let i = 0; i < projectCount; i++) {
    const at = startOfLocalDay(
      addDays(firstDay, Math.floor((i / projectCount) * options.days)),
      options.timeZone,
    );
    history.projects.push({
      id: uuidFrom(random),
      userId: options.userId,
      name: `Project ${i + 1}`,
      status: i < projectCount - 4 ? 'done' : 'active',
      createdAt: at,
      updatedAt: at,
    });
  }

  // Holidays: two fortnights a year with nothing done.
  const holidays = new Set<LocalDate>();
  if (!options.isUnbroken) {
    for (let year = 0; year * 365 < options.days; year++) {
      for (const start of [120 + Math.floor(random() * 60), 300 + Math.floor(random() * 40)]) {
        for (let d = 0; d < 14; d++) holidays.add(addDays(firstDay, year * 365 + start + d));
      }
    }
  }

  let taskDebt = 0;
  let switchDebt = 0;
  const openTasks: string[] = [];
  for (let n = 0; n < options.days; n++) {
    const date = addDays(firstDay, n);
    const dayStart = startOfLocalDay(date, options.timeZone).getTime();
    const weekday = dayOfWeek(date);
    const isWorkday = options.isUnbroken || (weekday !== 0 && weekday !== 6 && !holidays.has(date));

    taskDebt += TASKS_PER_DAY;
    while (taskDebt >= 1) {
      taskDebt -= 1;
      const at = new Date(dayStart + 8 * 3_600_000 + Math.floor(random() * 3_600_000));
      const id = uuidFrom(random);
      const ageDays = options.days - n;
      history.tasks.push({
        id,
        userId: options.userId,
        projectId: pick(random, history.projects).id!,
        title: `Task ${history.tasks.length + 1}: ${pick(random, ['fix', 'build', 'write', 'review', 'plan'])} ${pick(random, ['parser', 'report', 'sync', 'onboarding', 'billing', 'search'])}`,
        type: pick(random, TASK_TYPES),
        status:
          ageDays > 30 ? (random() < 0.9 ? 'done' : 'dropped') : pick(random, ['todo', 'doing', 'done']),
        createdAt: at,
        updatedAt: at,
      });
      openTasks.push(id);
      if (openTasks.length > 40) openTasks.shift();
    }

    const completedToday: { id: string; start: number; end: number }[] = [];
    for (const slot of [1, 2, 3, 4] as SlotNumber[]) {
      const id = sessionIdFor(options.userId, date, slot);
      const roll = random();
      const state =
        options.isUnbroken && slot === 1
          ? 'completed'
          : !isWorkday
            ? roll < 0.15
              ? 'completed'
              : 'planned'
            : roll < (slot === 4 ? 0.6 : 0.82)
              ? 'completed'
              : roll < 0.92
                ? 'skipped'
                : 'planned';
      const started = new Date(dayStart + (7 + slot * 2) * 3_600_000 + Math.floor(random() * 1_800_000));
      const focusSeconds = Math.max(300, Math.round(minutes * 60 * (0.7 + random() * 0.4)));
      const ended = new Date(started.getTime() + focusSeconds * 1000);
      const isCompleted = state === 'completed';
      history.sessions.push({
        id,
        userId: options.userId,
        localDate: date,
        slot,
        goal: state === 'planned' ? '' : `Work on task ${history.tasks.length - Math.floor(random() * 10)}`,
        notes: isCompleted && random() < 0.3 ? 'Notes: what went well, what did not, what is next.' : '',
        version: state === 'planned' ? 0 : 3,
        state,
        plannedMinutes: minutes,
        accumulatedMs: isCompleted ? focusSeconds * 1000 : 0,
        startedAt: isCompleted ? started : null,
        endedAt: state === 'planned' ? null : ended,
        focusSeconds: isCompleted ? focusSeconds : null,
        overtimeSeconds: isCompleted ? Math.max(0, focusSeconds - minutes * 60) : null,
        isFlagged: false,
        loggedAfterwards: isCompleted && random() < 0.1,
        skipReason: state === 'skipped' ? 'meeting' : null,
        outcome: isCompleted
          ? pick(random, ['done', 'progressed', 'progressed', 'blocked', 'nothing'] as const)
          : null,
        updatedAt: state === 'planned' ? new Date(dayStart) : ended,
      });
      if (isCompleted) {
        completedToday.push({ id, start: started.getTime(), end: ended.getTime() });
        if (slot !== 4 && openTasks.length > 0) {
          history.sessionTasks.push({
            sessionId: id,
            taskId: pick(random, openTasks),
            role: 'main',
            userId: options.userId,
          });
        }
      }
    }

    switchDebt += SWITCHES_PER_DAY;
    while (switchDebt >= 1 && completedToday.length > 0) {
      switchDebt -= 1;
      const session = pick(random, completedToday);
      history.switches.push({
        id: uuidFrom(random),
        userId: options.userId,
        sessionId: session.id,
        occurredAt: new Date(session.start + Math.floor(random() * (session.end - session.start))),
        reason: pick(random, SWITCH_REASONS),
        fromTaskId: openTasks.length > 0 && random() < 0.5 ? pick(random, openTasks) : null,
        toTaskId: null,
      });
    }
  }
  return history;
}
