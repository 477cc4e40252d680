// Keeps the insight cards of an open reports page current: when the person's event stream says
// their insights changed (a recompute after a change on any device, or a dismissal elsewhere),
// the cards are fetched again and swapped in place.

import { onPageChange } from './page-events.ts';

const CARDS_ID = 'insight-cards';
let isFetching = false;
let isFetchAgain = false;

/** Listens on /events while the page has an insights section. */
export function followInsightUpdates(): void {
  if (!document.getElementById('insights') || !('EventSource' in window)) return;
  onPageChange((change) => {
    if (change?.type === 'insights.updated') void refreshInsights();
  });
  // A page that slept may have missed changes; one fetch on return catches up.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refreshInsights();
  });
}

/** Fetches the cards fragment and swaps it in; changes arriving meanwhile fetch once more after. */
async function refreshInsights(): Promise<void> {
  if (isFetching) {
    isFetchAgain = true;
    return;
  }
  isFetching = true;
  try {
    const response = await fetch('/insights/fragment', { credentials: 'same-origin' });
    if (!response.ok) return;
    const template = document.createElement('template');
    template.innerHTML = await response.text();
    const next = template.content.getElementById(CARDS_ID);
    const current = document.getElementById(CARDS_ID);
    if (!next || !current || current.isEqualNode(next)) return;
    current.replaceWith(next);
    window.htmx.process(next);
  } catch {
    // Offline or signed out: the next change or visit tries again.
  } finally {
    isFetching = false;
    if (isFetchAgain) {
      isFetchAgain = false;
      void refreshInsights();
    }
  }
}
