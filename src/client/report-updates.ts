// Keeps the figures of an open reports page current: when a session whose day they count changes
// on any device, the figures are fetched again and merged in place. Changes to other days, and
// events about anything else, fetch nothing.
import { Idiomorph } from 'idiomorph';
import { onPageChange, type PageChange } from './page-events.ts';

const FIGURES_ID = 'report-figures';
// A timer action, its outcome and an interruption arrive as a burst of events: one fetch for all.
const SETTLE_MS = 200;

let settleTimer: ReturnType<typeof setTimeout> | undefined;
let isFetching = false;
let isFetchAgain = false;

/** Listens on /events while the page shows report figures. */
export function followReportUpdates(): void {
  if (!document.getElementById(FIGURES_ID) || !('EventSource' in window)) return;
  onPageChange((change) => {
    if (isShownChange(change)) scheduleRefresh();
  });
}

/**
 * A session on one of the days the figures count (the page names them in data-from/data-to), or a
 * `resync` after more was missed than the stream replays.
 */
function isShownChange(change: PageChange): boolean {
  if (change?.type === 'resync') return true;
  if (change?.type !== 'session.updated') return false;
  const { from, to } = document.getElementById(FIGURES_ID)?.dataset ?? {};
  // Local dates (YYYY-MM-DD) sort as text.
  return from !== undefined && to !== undefined && from <= change.date && change.date <= to;
}

function scheduleRefresh(): void {
  document.getElementById(FIGURES_ID)?.setAttribute('aria-busy', 'true');
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => {
    settleTimer = undefined;
    void refreshFigures();
  }, SETTLE_MS);
}

/** Fetches the figures and merges them in; changes arriving meanwhile fetch once more after. */
async function refreshFigures(): Promise<void> {
  if (isFetching) {
    isFetchAgain = true;
    return;
  }
  isFetching = true;
  try {
    const url = document.getElementById(FIGURES_ID)?.dataset.fragmentUrl;
    if (!url) return;
    const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    if (!response.ok) return;
    const template = document.createElement('template');
    template.innerHTML = await response.text();
    const next = template.content.getElementById(FIGURES_ID);
    const current = document.getElementById(FIGURES_ID);
    // Anything else (the log-in page after signing out) leaves the figures as they are.
    if (!next || !current) return;
    // Only what changed is touched: no layout jump, and focus and scroll stay where they were.
    void Idiomorph.morph(current, next, { morphStyle: 'outerHTML', ignoreActiveValue: true });
  } catch {
    // Offline or the server restarting: the stream replays what was missed when it reconnects.
  } finally {
    isFetching = false;
    // Busy while another fetch is due; the merged server HTML carries no aria-busy of its own.
    const figures = document.getElementById(FIGURES_ID);
    if (isFetchAgain || settleTimer !== undefined) figures?.setAttribute('aria-busy', 'true');
    else figures?.removeAttribute('aria-busy');
    if (isFetchAgain) {
      isFetchAgain = false;
      void refreshFigures();
    }
  }
}
