// Settings › Notifications: subscribes this device to time's-up pushes, only after the person's
// tap (permission is never asked on load), and only where the browser can receive pushes.

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

/** iPhone and iPad (iPadOS says "Macintosh" but has touch), outside an app added to the Home Screen. */
function isIosBrowserTab(): boolean {
  const ios =
    /iPad|iPhone|iPod/.test(navigator.userAgent) ||
    (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
  const standalone =
    (navigator as Navigator & { standalone?: boolean }).standalone === true ||
    window.matchMedia('(display-mode: standalone)').matches;
  return ios && !standalone;
}

function isPushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

function setStatus(text: string): void {
  const status = document.querySelector<HTMLElement>('[data-push-status]');
  if (status) status.textContent = text;
}

/** The VAPID key as the bytes pushManager.subscribe() wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const text = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

async function subscribe(offer: HTMLElement): Promise<void> {
  const publicKey = offer.dataset.publicKey ?? '';
  setStatus('Asking this browser…');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    setStatus(
      'Notifications are blocked for Deepsheet in this browser; allow them in its settings to use this.',
    );
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  // A subscription made with another key (the server's key changed: 403) cannot be reused.
  const key = subscription?.options.applicationServerKey;
  if (subscription && key && !sameBytes(new Uint8Array(key), keyBytes(publicKey))) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(publicKey),
  });
  const response = await fetch('/api/v1/push-subscriptions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
    body: JSON.stringify(subscription.toJSON()),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    setStatus(problem.detail ?? 'This device could not be subscribed. Try again later.');
    return;
  }
  window.location.assign('/settings/notifications?saved=subscribed');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Shows the offer (or the iOS note) where it can work, and binds the button to the tap. */
export function offerPushSubscription(): void {
  const offer = document.querySelector<HTMLElement>('[data-push-offer]');
  if (!offer) return;
  const unsupported = document.querySelector<HTMLElement>('[data-push-unsupported]');
  if (isIosBrowserTab()) {
    const note = document.querySelector<HTMLElement>('[data-push-ios]');
    if (note) note.hidden = false;
    if (unsupported) unsupported.hidden = true;
    return;
  }
  if (!isPushSupported()) return;
  offer.hidden = false;
  if (unsupported) unsupported.hidden = true;
  offer.querySelector('[data-push-subscribe]')?.addEventListener('click', () => {
    subscribe(offer).catch((error: unknown) => {
      setStatus(
        error instanceof Error && error.name === 'NotAllowedError'
          ? 'Notifications are blocked for Deepsheet in this browser.'
          : 'This browser could not subscribe (its push service did not answer). Try again later.',
      );
    });
  });
}
