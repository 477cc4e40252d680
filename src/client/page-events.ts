// One event stream per page for the modules that follow changes outside the sheet (the reports
// page's insight cards and figures), rather than a connection each.

import { parseStreamMessage, type StreamMessage } from '../domain/events.ts';

/** A change pushed on /events, or undefined when it is none the bundle knows (a newer type). */
export type PageChange = StreamMessage | undefined;

const listeners: ((change: PageChange) => void)[] = [];
let source: EventSource | undefined;

/** Calls `listener` with each change pushed to this person; opens the stream on first use. */
export function onPageChange(listener: (change: PageChange) => void): void {
  listeners.push(listener);
  if (source || !('EventSource' in window)) return;
  source = new EventSource('/events');
  source.addEventListener('change', (message) => {
    const change = parseStreamMessage(String(message.data));
    for (const each of listeners) each(change);
  });
}
