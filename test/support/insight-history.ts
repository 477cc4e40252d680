import type { InferInsertModel } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { focusSessions } from '../../src/db/schema/index.ts';
import { sessionIdFor } from '../../src/db/stores/session-ids.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import type { SlotNumber } from '../../src/domain/sheet.ts';

type Row = InferInsertModel<typeof focusSessions>;
export type SlotOverrides = Partial<Omit<Row, 'id' | 'userId' | 'localDate' | 'slot'>>;

/** A completed session of `minutes`, started by the timer at `startedAt`. */
export function done(minutes: number, startedAt: string, extra: SlotOverrides = {}): SlotOverrides {
  const start = new Date(startedAt);
  return {
    state: 'completed',
    plannedMinutes: minutes,
    accumulatedMs: minutes * 60_000,
    startedAt: start,
    endedAt: new Date(start.getTime() + minutes * 60_000),
    focusSeconds: minutes * 60,
    overtimeSeconds: 0,
    ...extra,
  };
}

export const skip: SlotOverrides = { state: 'skipped', endedAt: new Date('2026-01-01T00:00:00Z') };

/**
 * Stores whole days for a person directly (all four slots, as the database requires), planned
 * unless a slot is given: the history the insight rules read.
 */
export async function storeDays(
  db: Db,
  userId: string,
  days: Record<LocalDate, Partial<Record<SlotNumber, SlotOverrides>>>,
): Promise<void> {
  const rows: Row[] = Object.entries(days).flatMap(([date, slots]) =>
    ([1, 2, 3, 4] as SlotNumber[]).map((slot) => ({
      id: sessionIdFor(userId, date, slot),
      userId,
      localDate: date,
      slot,
      plannedMinutes: 45,
      version: 1,
      updatedAt: new Date(`${date}T00:00:00Z`),
      ...slots[slot],
    })),
  );
  await db.insert(focusSessions).values(rows);
}
