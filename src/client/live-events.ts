import { parseStreamMessage, type StreamMessage } from '../domain/events.ts';
import { refreshSheet } from './sheet-refresh.ts';

// Undefined: a change this bundle does not know (a type added since it loaded); the sheet refetches.
type ChangeEvent = StreamMessage | undefined;

const RECONNECT_AFTER_MS = 30_000;
let source: EventSource | undefined;
let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Follows the person's other devices: each change pushed on /events re-fetches the sheet, unless
 * this page already shows that version. A page that slept, went offline or lost the stream
 * re-fetches once when it is back.
 */
export function followLiveChanges(): void {
  if (!document.getElementById('sheet') || !('EventSource' in window)) return;
  connect();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    refreshSheet();
    if (source?.readyState === EventSource.CLOSED) connect();
  });
  window.addEventListener('online', () => {
    refreshSheet();
    if (source?.readyState === EventSource.CLOSED) connect();
  });
}

function connect(): void {
  clearTimeout(reconnectTimer);
  source?.close();
  const events = new EventSource('/events');
  source = events;
  let hasFailed = false;
  events.addEventListener('change', (message) => {
    const change = parseStreamMessage(String(message.data));
    if (!isAboutTheSheet(change) || isAlreadyShown(change)) return;
    refreshSheet();
  });
  events.addEventListener('open', () => {
    if (hasFailed) refreshSheet();
    hasFailed = false;
  });
  events.addEventListener('error', () => {
    hasFailed = true;
    // The browser retries by itself unless the server refused (signed out, restarting); then a
    // refresh finds out which (it sends a signed-out page to /login) and we try again later.
    if (events.readyState !== EventSource.CLOSED) return;
    refreshSheet();
    reconnectTimer = setTimeout(connect, RECONNECT_AFTER_MS);
  });
}

// Changes that show elsewhere (the reports page, the exports page), never on the sheet.
const NOT_ON_THE_SHEET = new Set(['insights.updated', 'export.updated']);

function isAboutTheSheet(change: ChangeEvent): boolean {
  // Team events show on the team's pages; a teammate's session never changes this sheet.
  return !change || !(NOT_ON_THE_SHEET.has(change.type) || change.type.startsWith('team.'));
}

/** This device made the change itself (or already fetched it): nothing to re-fetch. */
function isAlreadyShown(change: ChangeEvent): boolean {
  if (change?.type !== 'session.updated') return false;
  const selector = `[data-session-id="${CSS.escape(change.sessionId)}"][data-version]`;
  for (const element of document.querySelectorAll<HTMLElement>(selector)) {
    if (Number(element.dataset.version) >= change.version) return true;
  }
  return false;
}
