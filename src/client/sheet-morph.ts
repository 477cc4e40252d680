import { Idiomorph } from 'idiomorph';

/**
 * Merges a freshly rendered #sheet into the page without disturbing the person: text being typed
 * (and the revision it is based on) stays, open notes stay open, and nodes this script added
 * (a conflict box, a save error) survive because the server never renders them.
 */
export function morphSheet(current: Element, next: Element): void {
  // Synchronous unless head merging is asked for, which it is not.
  void Idiomorph.morph(current, next, {
    morphStyle: 'outerHTML',
    ignoreActiveValue: true,
    callbacks: {
      beforeNodeMorphed: (oldNode) => !(oldNode instanceof Element && isKeptAsIs(oldNode)),
      beforeNodeRemoved: (oldNode) => !oldNode.hasAttribute('data-client-only'),
      beforeAttributeUpdated: (name, element, change) =>
        !(name === 'open' && change === 'remove' && element instanceof HTMLDetailsElement),
    },
  });
}

function isKeptAsIs(element: Element): boolean {
  if (element.hasAttribute('data-dirty') || element.hasAttribute('data-client-only')) return true;
  // A revision input belongs with its unsaved field: taking the server's newer revision would
  // let the pending save overwrite another device's edit instead of showing the conflict.
  const match = element instanceof HTMLInputElement && /^(goal|notes)Revision$/.exec(element.name);
  if (!match || !element.form) return false;
  return element.form.querySelector(`[data-autosave="${match[1]}"][data-dirty]`) !== null;
}

/** The #sheet element in a fragment response, or null when the answer is something else. */
export function parseSheet(html: string): Element | null {
  const template = document.createElement('template');
  template.innerHTML = html;
  const sheet = template.content.firstElementChild;
  return sheet?.id === 'sheet' ? sheet : null;
}
