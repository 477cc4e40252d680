import { announce } from './announcer.ts';
import {
  type AutosaveField,
  clientIdFor,
  kindOf,
  markClientOnly,
  messageAnchorOf,
  revisionInputOf,
} from './autosave-field.ts';
import { keepBoth } from './merge-text.ts';
import { showSaveStatus } from './save-status.ts';

/**
 * Another device saved this field since this page loaded it. A calm box after the field lets the
 * person keep both texts or take the other one; nothing is thrown away without their choice.
 * Built with DOM calls and textContent only: both texts are user input.
 */
export function showConflict(
  field: AutosaveField,
  theirs: string,
  revision: number,
  save: (field: AutosaveField) => void,
): void {
  removeConflict(field);
  const kind = kindOf(field);
  const box = document.createElement('div');
  markClientOnly(box, clientIdFor(field, 'conflict'));
  box.className = 'conflict-box';
  box.setAttribute('role', 'group');

  const message = document.createElement('p');
  message.id = `${box.id}-message`;
  message.textContent =
    kind === 'notes' ? 'These notes changed on another device.' : 'This goal changed on another device.';
  box.setAttribute('aria-labelledby', message.id);

  const other = document.createElement('blockquote');
  other.className = 'conflict-other';
  other.textContent = theirs || '(empty)';

  const actions = document.createElement('div');
  actions.className = 'conflict-actions';
  const useBoth = button('Keep both', 'btn-secondary', () => {
    field.value = keepBoth(kind, field.value, theirs);
    settle(field, revision);
    field.setAttribute('data-dirty', '');
    save(field);
  });
  const useTheirs = button('Use the other version', 'btn-quiet', () => {
    field.value = theirs;
    settle(field, revision);
    field.removeAttribute('data-dirty');
    showSaveStatus(field, 'none');
  });
  actions.append(useBoth, useTheirs);
  box.append(message, other, actions);
  messageAnchorOf(field).after(box);
  announce(message.textContent);
}

/** While the person has not chosen, saving again could only meet the same conflict. */
export function hasConflict(field: AutosaveField): boolean {
  return document.getElementById(clientIdFor(field, 'conflict')) !== null;
}

export function removeConflict(field: AutosaveField): void {
  document.getElementById(clientIdFor(field, 'conflict'))?.remove();
}

function settle(field: AutosaveField, revision: number): void {
  const revisionInput = revisionInputOf(field);
  if (revisionInput) revisionInput.value = String(revision);
  removeConflict(field);
  field.focus();
}

function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}
