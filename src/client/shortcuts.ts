import { currentSlot, moveCurrentSlot } from './current-slot.ts';

/**
 * The laptop shortcuts from DESIGN.md. They never fire while typing, with Ctrl/Meta/Alt (those
 * belong to the browser), or behind an open dialog other than the shortcuts list.
 */
export function enableShortcuts(): void {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (isTyping(event.target)) return;
    const openDialog = document.querySelector('dialog[open]');
    if (openDialog && !(event.key === '?' && openDialog.id === 'shortcuts')) return;
    if (runShortcut(event.key)) event.preventDefault();
  });
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable]') !== null;
}

/** Runs the shortcut for `key`; false when the key is not one (so the browser keeps it). */
function runShortcut(key: string): boolean {
  switch (key) {
    case 's':
      return clickAction(['start', 'pause', 'resume']);
    case 'c':
      return clickAction(['complete']);
    case 'i':
      return clickAction(['interrupt']);
    case 'j':
    case 'k':
      moveCurrentSlot(key === 'j' ? 1 : -1);
      return true;
    case 'g':
      return focusField('[data-autosave="goal"]');
    case 'n':
      return focusField('[data-autosave="notes"]');
    case 'ArrowLeft':
      return follow('prev');
    case 'ArrowRight':
      return follow('next');
    case 't':
      return follow('today');
    case '/':
      return focus(document.querySelector<HTMLElement>('[data-search]'));
    case '?':
      return toggleShortcutList();
    default:
      return false;
  }
}

/**
 * Clicks the first of `actions` for the current slot. A running session's buttons live in the
 * NOW panel rather than its slot, so #now is searched too when it shows that same session.
 */
function clickAction(actions: string[]): boolean {
  const slot = currentSlot();
  const now = document.getElementById('now');
  const places = [slot, now && (!slot || now.dataset.sessionId === slot.dataset.sessionId) ? now : null];
  for (const place of places) {
    for (const action of actions) {
      const button = place?.querySelector<HTMLButtonElement>(`[data-action="${action}"]:not([disabled])`);
      if (button) {
        button.click();
        return true;
      }
    }
  }
  return false;
}

/** Goal or notes of the current slot; notes live in a <details> that is opened first. */
function focusField(selector: string): boolean {
  const field = currentSlot()?.querySelector<HTMLElement>(selector);
  if (!field) return false;
  for (
    let details = field.closest('details');
    details;
    details = details.parentElement?.closest('details') ?? null
  ) {
    details.open = true;
  }
  focus(field);
  // Continue where the text ends rather than in front of it.
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    field.setSelectionRange(field.value.length, field.value.length);
  }
  return true;
}

function focus(element: HTMLElement | null): boolean {
  if (!element) return false;
  element.focus();
  return true;
}

function follow(direction: 'prev' | 'next' | 'today'): boolean {
  const link = document.querySelector<HTMLAnchorElement>(`a[data-nav="${direction}"]`);
  if (!link) return false;
  link.click();
  return true;
}

function toggleShortcutList(): boolean {
  const dialog = document.getElementById('shortcuts');
  if (!(dialog instanceof HTMLDialogElement)) return false;
  if (dialog.open) dialog.close();
  else dialog.showModal();
  return true;
}
