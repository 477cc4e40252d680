// The browser side of Deepsheet: htmx for in-place updates, plus a few small behaviours.
import htmx from 'htmx.org';
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

onReady(() => {
  fillBrowserTimeZone(document);
});
