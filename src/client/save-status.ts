import {
  type AutosaveField,
  clientIdFor,
  kindOf,
  markClientOnly,
  messageAnchorOf,
} from './autosave-field.ts';

const SAVED_VISIBLE_MS = 1500;
const fadeTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/**
 * The small word beside a field: "Saved" fades out by itself; "Not saved yet" stays until a
 * save gets through. The span is aria-live=off: saving is routine, not news.
 */
export function showSaveStatus(field: AutosaveField, status: 'saved' | 'unsaved' | 'none'): void {
  const indicator = field.form?.querySelector<HTMLElement>(`[data-saved-for="${kindOf(field)}"]`);
  if (!indicator) return;
  clearTimeout(fadeTimers.get(indicator));
  if (status !== 'none') indicator.textContent = status === 'saved' ? 'Saved' : 'Not saved yet';
  indicator.classList.toggle('is-visible', status !== 'none');
  indicator.classList.toggle('is-unsaved', status === 'unsaved');
  if (status === 'saved') {
    fadeTimers.set(
      indicator,
      setTimeout(() => indicator.classList.remove('is-visible'), SAVED_VISIBLE_MS),
    );
  }
}

/** The server's reason a value was refused (too long, say), tied to the field for screen readers. */
export function showFieldError(field: AutosaveField, message: string): void {
  const id = clientIdFor(field, 'error');
  let note = document.getElementById(id);
  if (!note) {
    note = document.createElement('p');
    note.className = 'field-error';
    markClientOnly(note, id);
    messageAnchorOf(field).after(note);
  }
  note.textContent = message;
  field.setAttribute('aria-invalid', 'true');
  const described = new Set((field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  described.add(id);
  field.setAttribute('aria-describedby', [...described].join(' '));
}

export function clearFieldError(field: AutosaveField): void {
  const id = clientIdFor(field, 'error');
  const note = document.getElementById(id);
  if (!note) return;
  note.remove();
  field.removeAttribute('aria-invalid');
  const rest = (field.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter((token) => token && token !== id);
  if (rest.length > 0) field.setAttribute('aria-describedby', rest.join(' '));
  else field.removeAttribute('aria-describedby');
}
