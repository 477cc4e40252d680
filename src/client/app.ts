// The browser side of Deepsheet: htmx for in-place updates, plus a few small behaviours. Every
// behaviour listens on the document, so content swapped in by htmx or a live refresh needs no
// re-binding; what depends on freshly arrived HTML is redone in `afterNewHtml`.
import htmx from 'htmx.org';
import { enableApiDocs } from './api-docs.ts';
import { enableAutosave } from './autosave.ts';
import { onTimeUpCrossed, refreshCountdowns, tick } from './countdown.ts';
import { restoreCurrentSlot } from './current-slot.ts';
import { followInsightUpdates } from './insight-updates.ts';
import { followLiveChanges } from './live-events.ts';
import { scheduleMidnight } from './midnight.ts';
import { offerNotificationsOnStart } from './notify-prompt.ts';
import { registerServiceWorker } from './register-service-worker.ts';
import { followReportUpdates } from './report-updates.ts';
import { followServerSignals } from './server-signals.ts';
import { onSheetRefreshed, refreshSheet } from './sheet-refresh.ts';
import { enableShortcuts } from './shortcuts.ts';
import { followFocusBoard } from './team-board.ts';
import { followTeamMembership } from './team-exit.ts';
import { fillBrowserTimeZone } from './time-zone.ts';

declare global {
  interface Window {
    htmx: typeof htmx;
  }
}
window.htmx = htmx;

function onReady(run: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/** Server HTML just arrived (page load, htmx swap, live refresh): align clocks and timers to it. */
function afterNewHtml(): void {
  refreshCountdowns();
  scheduleMidnight();
  restoreCurrentSlot();
}

onReady(() => {
  fillBrowserTimeZone(document);
  afterNewHtml();
  enableAutosave();
  enableShortcuts();
  enableApiDocs();
  followServerSignals(refreshSheet);
  offerNotificationsOnStart();
  // Only a few pages have passkeys or push: their code is fetched when one of them is open.
  if (document.querySelector('[data-passkey-block], form[data-passkey-register]'))
    void import('./passkeys.ts').then((passkeys) => passkeys.enablePasskeys());
  if (document.querySelector('[data-push-offer], [data-push-device]'))
    void import('./push-subscribe.ts').then((push) => push.offerPushSubscription());
});

// A stream opened before `load` would keep the page "loading" for as long as it stays open.
function afterLoad(run: () => void): void {
  if (document.readyState === 'complete') run();
  else window.addEventListener('load', run, { once: true });
}
afterLoad(() => {
  followLiveChanges();
  followInsightUpdates();
  followReportUpdates();
  followFocusBoard();
  followTeamMembership();
  registerServiceWorker();
});

// After the swap for the clock (each data-server-now is read once, so twice is harmless), and
// again after settle, when htmx puts back the server's class attributes and with them drops
// `is-current` and `is-time-up`.
document.addEventListener('htmx:afterSwap', afterNewHtml);
document.addEventListener('htmx:afterSettle', afterNewHtml);
onSheetRefreshed(() => {
  const sheet = document.getElementById('sheet');
  // Buttons a refresh added carry hx-* attributes htmx has not seen yet.
  if (sheet) htmx.process(sheet);
  afterNewHtml();
});
// Reaching the target changes which actions apply (Complete, Keep going): fetch them.
onTimeUpCrossed(refreshSheet);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') tick();
});
