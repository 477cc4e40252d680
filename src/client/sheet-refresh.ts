import { morphSheet, parseSheet } from './sheet-morph.ts';

let isFetching = false;
let isQueued = false;
const listeners: (() => void)[] = [];

/** Runs after each live refresh has been merged into the page (clock, midnight, selection...). */
export function onSheetRefreshed(listener: () => void): void {
  listeners.push(listener);
}

/**
 * Re-fetches #sheet and merges it in. Bursts coalesce: one request in flight and at most one
 * queued behind it, which then sees every change made meanwhile.
 */
export function refreshSheet(): void {
  if (isFetching) {
    isQueued = true;
    return;
  }
  isFetching = true;
  fetchAndMerge()
    .catch(() => {
      // Offline or the server restarting: the online/visibility/reconnect triggers try again.
    })
    .finally(() => {
      isFetching = false;
      if (isQueued) {
        isQueued = false;
        refreshSheet();
      }
    });
}

async function fetchAndMerge(): Promise<void> {
  const url = document.getElementById('sheet')?.dataset.fragmentUrl;
  if (!url) return;
  const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  if (isSignedOut(response)) {
    location.assign('/login');
    return;
  }
  if (!response.ok) return;
  const next = parseSheet(await response.text());
  const current = document.getElementById('sheet');
  if (!next || !current) return;
  morphSheet(current, next);
  const theme = document.getElementById('sheet')?.dataset.theme;
  if (theme) document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

/** fetch follows the 303 to /login by itself; what arrives then is the log-in page. */
function isSignedOut(response: Response): boolean {
  if (response.status === 401) return true;
  return response.redirected && new URL(response.url).pathname === '/login';
}
