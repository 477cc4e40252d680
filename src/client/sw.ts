/// <reference lib="webworker" />
// Deepsheet's service worker: the app shell's static files from a cache, and a calm offline page
// when a page cannot be reached. Pages, fragments, the API and /events always go to the network
// and are never stored: a timer or sheet shown from a cache would be a lie.

// A module, so these names stay out of the global scope the rest of src/ is type-checked in.
export {};

/** Injected by scripts/build.mjs: URLs to precache, and a version that changes with their content. */
declare const __PRECACHE__: string[];
declare const __CACHE_VERSION__: string;

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE_PREFIX = 'deepsheet-';
const CACHE = `${CACHE_PREFIX}${__CACHE_VERSION__}`;
const OFFLINE_PAGE = '/offline.html';
const CACHE_FIRST = [/^\/assets\//, /^\/icons\//, /^\/manifest\.webmanifest$/, /^\/offline\.(css|html)$/];

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(__PRECACHE__))
      // Nothing a page depends on is cached beyond hashed files, so a new version can take over at once.
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
      );
      // Lets navigations start while the worker boots instead of waiting for it.
      await worker.registration.navigationPreload?.enable();
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
    return;
  }
  if (CACHE_FIRST.some((pattern) => pattern.test(url.pathname))) event.respondWith(cacheFirst(request));
  // Anything else is left to the browser untouched.
});

/** Network only; the cached offline page when the network fails. */
async function navigate(event: FetchEvent): Promise<Response> {
  try {
    const preloaded = (await event.preloadResponse) as Response | undefined;
    return preloaded ?? (await fetch(event.request));
  } catch {
    return (await caches.match(OFFLINE_PAGE)) ?? Response.error();
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

/** What a push carries (src/domain/time-up-push.ts, and the test notification of Settings). */
type PushData = {
  kind?: 'time-up' | 'test';
  title?: string;
  body?: string;
  url?: string;
  sessionId?: string;
  subscriptionId?: string;
  token?: string;
  actions?: { action: string; title: string }[];
};

function readPush(data: PushMessageData | null): PushData {
  try {
    return (data?.json() as PushData | undefined) ?? {};
  } catch {
    return {};
  }
}

/**
 * Work an event must finish before the worker may stop. A test dispatching its own (untrusted)
 * event cannot extend it; the work still runs.
 */
function keepAlive(event: ExtendableEvent, work: Promise<unknown>): void {
  try {
    event.waitUntil(work);
  } catch {
    // An untrusted event: nothing to extend.
  }
}

/** Time's up with the tab closed (Web Push): "Personal 2 · time is up", with Complete and Keep going. */
worker.addEventListener('push', (event) => {
  const data = readPush(event.data);
  const options: NotificationOptions & { actions?: { action: string; title: string }[]; renotify?: boolean } =
    {
      body: data.body ?? '',
      icon: '/icons/icon-192.png',
      // One notification per session: a repeated push replaces the one shown instead of adding one.
      tag: data.sessionId ? `time-up:${data.sessionId}` : 'deepsheet',
      renotify: true,
      requireInteraction: data.kind === 'time-up',
      data,
      ...(data.actions ? { actions: data.actions } : {}),
    };
  keepAlive(event, worker.registration.showNotification(data.title ?? 'Deepsheet', options));
});

/** A button answers through the API with this device's sign-in and the push's token; no page opens. */
async function answerAction(data: PushData, action: string): Promise<boolean> {
  if (!data.subscriptionId || !data.sessionId || !data.token) return false;
  const response = await fetch('/api/v1/push-actions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      subscriptionId: data.subscriptionId,
      sessionId: data.sessionId,
      action,
      token: data.token,
    }),
  }).catch(() => null);
  return response?.ok === true;
}

/** Brings the app forward on `url` (or opens it). */
async function openApp(url: string): Promise<void> {
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows[0];
  if (open) {
    await open.focus();
    if (new URL(open.url).pathname !== url) await open.navigate(url).catch(() => null);
  } else await worker.clients.openWindow(url);
}

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = (event.notification.data ?? {}) as PushData;
  const action = event.action;
  keepAlive(
    event,
    (async () => {
      if (action === 'complete' || action === 'keepGoing') {
        // Signed out, or the session moved on elsewhere: the page says what happened.
        if (!(await answerAction(data, action))) await openApp('/');
        return;
      }
      await openApp(data.url ?? '/');
    })(),
  );
});
