// localStorage throws in some private modes and when storage is disabled; a preference that cannot
// be stored is simply remembered for this page instead.
const memory = new Map<string, string>();

export function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

export function writeSetting(key: string, value: string): void {
  memory.set(key, value);
  try {
    localStorage.setItem(key, value);
  } catch {
    // kept in memory above
  }
}
