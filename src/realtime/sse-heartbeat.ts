export const HEARTBEAT_MS = 25_000;
// Streams due this close together get their heartbeat in the same run of the timer.
const COALESCE_MS = 50;

type Entry = { beat: () => void; due: number };

// In due order: every entry waits the same interval, so appending keeps the set sorted.
const entries = new Set<Entry>();
let timer: NodeJS.Timeout | undefined;

function arm(): void {
  if (timer) return;
  const first = entries.values().next().value as Entry | undefined;
  if (!first) return;
  timer = setTimeout(run, Math.max(0, first.due - Date.now()));
  timer.unref();
}

function run(): void {
  timer = undefined;
  const now = Date.now();
  for (const entry of entries) {
    if (entry.due > now + COALESCE_MS) break;
    entries.delete(entry);
    entry.due = now + HEARTBEAT_MS;
    entries.add(entry);
    entry.beat();
  }
  arm();
}

/**
 * Calls `beat` every HEARTBEAT_MS (first HEARTBEAT_MS from now) until the returned function is
 * called. One timer serves every open stream: 10,000 idle streams cost one timer, not 10,000.
 */
export function startHeartbeat(beat: () => void): () => void {
  const entry: Entry = { beat, due: Date.now() + HEARTBEAT_MS };
  entries.add(entry);
  arm();
  return () => {
    entries.delete(entry);
    if (entries.size === 0 && timer) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}
