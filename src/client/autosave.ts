import { type AutosaveField, autosaveFieldOf, autosaveFieldsOf, kindOf } from './autosave-field.ts';
import { saveField } from './save-field.ts';

/** Quiet time after the last keystroke before saving: a goal is short, notes are prose. */
const DEBOUNCE_MS = { goal: 500, notes: 800 } as const;
const timers = new WeakMap<AutosaveField, ReturnType<typeof setTimeout>>();

type HtmxRequestEvent = CustomEvent<{ elt?: Element; successful?: boolean }>;

/**
 * Goal and notes save as the person types (debounced), on leaving the field, on Enter in the goal,
 * when the connection returns and when the page is hidden. Listeners sit on the document, so
 * fields that htmx or a live refresh bring in work without binding.
 */
export function enableAutosave(): void {
  document.addEventListener('input', (event) => {
    const field = autosaveFieldOf(event.target);
    if (!field) return;
    field.setAttribute('data-dirty', '');
    clearTimeout(timers.get(field));
    timers.set(
      field,
      setTimeout(() => void saveField(field), DEBOUNCE_MS[kindOf(field)]),
    );
  });
  document.addEventListener('focusout', (event) => {
    const field = autosaveFieldOf(event.target);
    if (field) saveNow(field);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    const field = autosaveFieldOf(event.target);
    if (!field || kindOf(field) !== 'goal') return;
    // Enter would submit the form with its first button (Start); here it means "save".
    event.preventDefault();
    saveNow(field);
  });
  window.addEventListener('online', () => saveAllDirty(false));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') saveAllDirty(true);
  });
  document.addEventListener('htmx:beforeRequest', (event) => {
    // An action posts the whole form, goal and notes included: a pending autosave would only race it.
    for (const field of fieldsOfRequest(event)) clearTimeout(timers.get(field));
  });
  document.addEventListener('htmx:afterRequest', (event) => {
    if (!(event as HtmxRequestEvent).detail?.successful) return;
    for (const field of fieldsOfRequest(event)) field.removeAttribute('data-dirty');
  });
}

function saveNow(field: AutosaveField, keepalive = false): void {
  clearTimeout(timers.get(field));
  void saveField(field, { keepalive });
}

function saveAllDirty(keepalive: boolean): void {
  for (const element of document.querySelectorAll('[data-autosave][data-dirty]')) {
    const field = autosaveFieldOf(element);
    if (field) saveNow(field, keepalive);
  }
}

function fieldsOfRequest(event: Event): AutosaveField[] {
  const form = (event as HtmxRequestEvent).detail?.elt?.closest('form');
  return form?.dataset.autosaveUrl ? autosaveFieldsOf(form) : [];
}
