/**
 * The device's estimate of the server's clock. Every server-rendered `data-server-now` is a
 * sample: server time at render, received about now. The device clock may be wrong by minutes;
 * only its rate is trusted, via the offset of the latest sample.
 */
let offsetMs = 0;
const seen = new WeakMap<Element, string>();

export function serverNow(): number {
  return Date.now() + offsetMs;
}

/**
 * Takes a sample from each `data-server-now` not seen before (new elements, or attributes a morph
 * or an htmx settle just changed). Call it right after content arrives: a sample read late would
 * understate the server's clock by the delay.
 */
export function syncServerClock(root: ParentNode = document): void {
  let latest = Number.NaN;
  for (const element of root.querySelectorAll('[data-server-now]')) {
    const value = element.getAttribute('data-server-now') ?? '';
    if (seen.get(element) === value) continue;
    seen.set(element, value);
    const sample = Number(value);
    if (Number.isFinite(sample) && (Number.isNaN(latest) || sample > latest)) latest = sample;
  }
  if (Number.isFinite(latest)) offsetMs = latest - Date.now();
}
