import { announce } from './announcer.ts';
import { playChime } from './chime.ts';
import { readSetting, writeSetting } from './storage.ts';
import { timeUpAnnouncement, timeUpNotificationBody } from './timer-announcements.ts';

/** Already alerted in this page; spares a storage read on every tick past the target. */
const alerted = new Set<string>();

export type TimeUpDetails = { sessionId: string; targetMs: number; label: string; goal: string };

/**
 * "Time's up", once per session and target on this device: a reload, a second tab or a later
 * visit does not repeat it, while "Keep going 10 min" (a new target) earns a new one.
 */
export function alertTimeUp(details: TimeUpDetails): void {
  const key = `ds-notified:${details.sessionId}:${details.targetMs}`;
  if (alerted.has(key)) return;
  alerted.add(key);
  if (readSetting(key)) return;
  writeSetting(key, String(Date.now()));
  forgetOldAlerts();

  announce(timeUpAnnouncement(details.label));
  void showNotification(
    "Time's up",
    timeUpNotificationBody(details.label, details.targetMs, details.goal),
    details.sessionId,
  );
  playChime();
  // Vibration needs a past user gesture; calling it without one only logs an intervention.
  if (!navigator.userActivation || navigator.userActivation.hasBeenActive) navigator.vibrate?.(200);

  document.documentElement.dataset.lastTimeUp = details.sessionId;
  document.dispatchEvent(new CustomEvent('deepsheet:time-up', { detail: { sessionId: details.sessionId } }));
}

/** Keys of sessions long finished would otherwise pile up in storage, four a day. */
function forgetOldAlerts(): void {
  const cutoff = Date.now() - 14 * 24 * 3600_000;
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('ds-notified:') && Number(localStorage.getItem(key)) < cutoff)
        localStorage.removeItem(key);
    }
  } catch {
    // storage unavailable: nothing piles up either
  }
}

async function showNotification(title: string, body: string, sessionId: string): Promise<void> {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const options: NotificationOptions = { body, tag: `ds-time-up:${sessionId}`, icon: '/icons/icon-192.png' };
  try {
    // Android only shows notifications through the service worker; `new Notification` throws there.
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration?.active) {
      await registration.showNotification(title, options);
      return;
    }
  } catch {
    // fall through to the page notification
  }
  try {
    new Notification(title, options);
  } catch {
    // Notifications unavailable here; the page itself shows time's up.
  }
}
