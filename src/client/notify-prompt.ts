import { announce } from './announcer.ts';
import { readSetting, writeSetting } from './storage.ts';

const ASKED = 'ds-notify-asked';

/**
 * Asks about notifications at a calm moment, never on page load: right after the person starts a
 * session, once per browser, through the server-rendered #notify-prompt.
 */
export function offerNotificationsOnStart(): void {
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest('[data-action="start"]')) reveal();
    else if (target.closest('[data-notify-allow]')) void allow();
    else if (target.closest('[data-notify-dismiss]')) close('dismissed');
  });
}

function reveal(): void {
  if (!('Notification' in window) || Notification.permission !== 'default' || readSetting(ASKED)) return;
  const prompt = document.getElementById('notify-prompt');
  if (!prompt?.hidden) return;
  prompt.hidden = false;
  // It appears without moving focus (the timer just started); screen readers hear the question.
  const question = prompt.querySelector('p')?.textContent;
  if (question) announce(question);
}

async function allow(): Promise<void> {
  close('allowed');
  try {
    await Notification.requestPermission();
  } catch {
    // An old browser or a blocked prompt: the page still shows time's up.
  }
}

function close(answer: string): void {
  writeSetting(ASKED, answer);
  const prompt = document.getElementById('notify-prompt');
  if (prompt) prompt.hidden = true;
}
