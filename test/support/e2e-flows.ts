import type { Page } from 'playwright-core';

export const PASSWORD = 'a calm and long passphrase';

/** Moves the server's clock (CLOCK=manual); it keeps running from there. */
export async function setServerTime(
  baseUrl: string,
  body: { now: string } | { advanceSeconds: number },
): Promise<void> {
  const response = await fetch(`${baseUrl}/__test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`clock: ${response.status} ${await response.text()}`);
}

export async function signUpInPage(page: Page, email: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

export async function logInInPage(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Records system notifications the page shows (directly or through its service worker). */
export const RECORD_NOTIFICATIONS = `
  window.__notifications = [];
  const Original = window.Notification;
  if (Original) {
    class Recording extends Original {
      constructor(title, options) { super(title, options); window.__notifications.push({ title, body: options && options.body }); }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Original.permission });
    Recording.requestPermission = (...args) => Original.requestPermission(...args);
    window.Notification = Recording;
  }
  if (window.ServiceWorkerRegistration) {
    const show = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      window.__notifications.push({ title, body: options && options.body });
      return show.call(this, title, options);
    };
  }
`;

export function notificationsOf(page: Page): Promise<{ title: string; body?: string }[]> {
  return page.evaluate(
    () => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications,
  );
}

/** Counts full page loads, to prove that live updates arrive without a reload. */
export function countNavigations(page: Page): () => number {
  let count = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) count++;
  });
  return () => count;
}

/**
 * An init script that records what a page's event stream delivers, in the order its own listeners
 * see it (this listener is added first, so once a change is recorded the page has handled it
 * too): `window.__isStreamOpen` once its `hello` arrived, `window.__changes` the changes.
 */
export const RECORD_STREAM = `
  window.__changes = [];
  window.__isStreamOpen = false;
  const Original = window.EventSource;
  window.EventSource = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('hello', () => { window.__isStreamOpen = true; });
      this.addEventListener('change', (event) => window.__changes.push(JSON.parse(event.data)));
    }
  };
`;

/** Waits until the page's event stream is open (needs RECORD_STREAM). */
export function streamIsOpen(page: Page): Promise<unknown> {
  return page.waitForFunction(() => (window as unknown as { __isStreamOpen: boolean }).__isStreamOpen);
}
