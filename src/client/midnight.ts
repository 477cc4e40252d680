const POSTPONE_MS = 30_000;
let timer: ReturnType<typeof setTimeout> | undefined;
/** Whether this page was opened on today's sheet; only such a page follows the day over. */
let wasToday: boolean | undefined;

/**
 * A page left open on today moves to the new day by itself shortly after the person's midnight.
 * Re-armed whenever a fresh #sheet arrives (its data-ms-to-midnight is from the server's clock,
 * so a wrong device clock does not matter); a fetched sheet that is no longer today (the device
 * slept through midnight) moves at once.
 */
export function scheduleMidnight(): void {
  clearTimeout(timer);
  const sheet = document.getElementById('sheet');
  if (!sheet) return;
  const isToday = sheet.dataset.isToday === 'true';
  wasToday ??= isToday;
  if (!wasToday) return;
  if (!isToday) {
    moveToToday();
    return;
  }
  const msToMidnight = Number(sheet.dataset.msToMidnight);
  if (Number.isFinite(msToMidnight) && msToMidnight >= 0)
    timer = setTimeout(moveToToday, msToMidnight + 1000);
}

function moveToToday(): void {
  // Never navigate away from words not yet saved; autosave gets them to the server first.
  if (document.querySelector('[data-dirty]')) {
    timer = setTimeout(moveToToday, POSTPONE_MS);
    return;
  }
  location.assign('/');
}
