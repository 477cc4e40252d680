/**
 * Which slot the keyboard acts on. Remembered by id rather than only as a class, because a live
 * refresh re-renders class attributes from the server and would drop `is-current`.
 */
let currentId: string | undefined;

export function slots(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.slot')];
}

/** The chosen slot, else the one showing the session in #now, else the first. */
export function currentSlot(): HTMLElement | null {
  const chosen = currentId ? document.getElementById(currentId) : null;
  if (chosen?.classList.contains('slot')) return chosen;
  const nowSession = document.getElementById('now')?.dataset.sessionId;
  const running = nowSession ? slots().find((slot) => slot.dataset.sessionId === nowSession) : undefined;
  return running ?? slots()[0] ?? null;
}

export function chooseSlot(slot: HTMLElement): void {
  for (const other of document.querySelectorAll('.slot.is-current')) other.classList.remove('is-current');
  currentId = slot.id;
  slot.classList.add('is-current');
  slot.focus();
  slot.scrollIntoView({ block: 'nearest' });
}

/** Puts the class back after new HTML arrived. */
export function restoreCurrentSlot(): void {
  if (!currentId) return;
  const slot = document.getElementById(currentId);
  if (slot?.classList.contains('slot')) slot.classList.add('is-current');
}

/** Moves the choice one slot down (+1) or up (-1); the first press picks the current slot itself. */
export function moveCurrentSlot(step: 1 | -1): void {
  const all = slots();
  const current = currentSlot();
  if (!current) return;
  const hasChosen = currentId !== undefined && document.getElementById(currentId) === current;
  const index = all.indexOf(current) + (hasChosen ? step : 0);
  const next = all[Math.min(Math.max(index, 0), all.length - 1)];
  if (next) chooseSlot(next);
}
