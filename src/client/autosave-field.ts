import type { AutosaveKind } from './merge-text.ts';

/** A goal or notes field inside a `form[data-autosave-url]`. */
export type AutosaveField = HTMLInputElement | HTMLTextAreaElement;

export function autosaveFieldOf(target: EventTarget | null): AutosaveField | null {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return null;
  if (target.dataset.autosave !== 'goal' && target.dataset.autosave !== 'notes') return null;
  return target.form?.dataset.autosaveUrl ? target : null;
}

export function kindOf(field: AutosaveField): AutosaveKind {
  return field.dataset.autosave === 'notes' ? 'notes' : 'goal';
}

export function autosaveFieldsOf(form: HTMLFormElement): AutosaveField[] {
  return [...form.querySelectorAll('[data-autosave]')].flatMap((element) => autosaveFieldOf(element) ?? []);
}

/** The hidden `goalRevision` / `notesRevision` input a save of this field is based on. */
export function revisionInputOf(field: AutosaveField): HTMLInputElement | null {
  return field.form?.querySelector<HTMLInputElement>(`input[name="${kindOf(field)}Revision"]`) ?? null;
}

/**
 * Where messages about the field go: after the field itself, or after its row when the field
 * shares a row with other things (the goal sits in a flex row beside its "Saved").
 */
export function messageAnchorOf(field: AutosaveField): Element {
  const row = field.parentElement;
  return row && !row.matches('form, details, label') ? row : field;
}

/** A stable id for a node added next to this field, unique per session and field. */
export function clientIdFor(field: AutosaveField, purpose: string): string {
  const session = (field.form?.dataset.autosaveUrl ?? '').replace(/[^A-Za-z0-9]+/g, '-');
  return `ds-${purpose}-${field.id || kindOf(field)}${session}`;
}

/** Marks a node as this script's own, which the live refresh leaves in place. */
export function markClientOnly(element: Element, id: string): void {
  element.id = id;
  element.setAttribute('data-client-only', '');
}
