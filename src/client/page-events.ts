// One event stream per page for the modules that follow changes outside the sheet (the reports
// page's insight cards and figures), rather than a connection each.

/** A change pushed on /events: its `type` and the event's own fields (a session's `date`...). */
export type PageChange = { type?: unknown; [field: string]: unknown };

const listeners: ((change: PageChange) => void)[] = [];
let source: EventSource | undefined;

/** Calls `listener` with each change pushed to this person; opens the stream on first use. */
export function onPageChange(listener: (change: PageChange) => void): void {
  listeners.push(listener);
  if (source || !('EventSource' in window)) return;
  source = new EventSource('/events');
  source.addEventListener('change', (message) => {
    const change = parse(message.data);
    for (const each of listeners) each(change);
  });
}

function parse(data: unknown): PageChange {
  try {
    const value: unknown = JSON.parse(String(data));
    return typeof value === 'object' && value !== null ? (value as PageChange) : {};
  } catch {
    return {};
  }
}
