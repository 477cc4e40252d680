// Passkeys in the browser: adding one in Settings › Passkeys, signing in with one on /login (a
// button, and the email field's autofill where the browser offers it), and answering the second
// step with one. The server keeps every challenge; this only carries options and answers between
// it and @simplewebauthn/browser. Elements stay hidden unless the browser can do WebAuthn.
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';

type Answer = { redirect?: string; detail?: string };

/** The server refused: a message for the person, not a browser's own failure. */
class Refusal extends Error {}

/**
 * Whether this page is at an address the relying party covers: WebAuthn refuses an RP ID that
 * is not the page's host or a parent of it (so nothing is offered at 127.0.0.1 or another name).
 */
function isAtRelyingParty(element: Element | null): boolean {
  const rpId = element?.getAttribute('data-rp-id');
  // An IP address (APP_URL=http://127.0.0.1:…) is never a valid RP ID.
  if (!rpId || /^[\d.]+$|:|^\[/.test(rpId)) return false;
  return location.hostname === rpId || location.hostname.endsWith(`.${rpId}`);
}

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

/** POSTs JSON with the page's CSRF token; throws the server's message when it refuses. */
async function postJson<T = Answer>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken() },
    body: JSON.stringify(body),
  });
  // Signed out meanwhile (another tab, an expired session): the server sent us to log in.
  if (response.redirected) {
    location.assign(response.url);
    throw new Error('Your session ended. Log in again.');
  }
  const answer: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new Refusal((answer as Answer).detail ?? 'Something went wrong. Please try again.');
  return answer as T;
}

/** What to tell the person when the ceremony failed; null when they simply cancelled. */
function messageOf(error: unknown): string | null {
  if (error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED') return null;
  if (error instanceof Error && error.name === 'NotAllowedError')
    return 'No passkey was used. Try again, or use your password.';
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    return 'This device has one of your passkeys already.';
  return error instanceof Error ? error.message : 'Something went wrong. Please try again.';
}

function showError(near: Element | null, message: string | null): void {
  const alert = near?.querySelector<HTMLElement>('[data-passkey-error]');
  if (!alert) return;
  alert.textContent = message ?? '';
  alert.hidden = !message;
}

function withNext(url: string, next: string | undefined): string {
  return next ? `${url}?next=${encodeURIComponent(next)}` : url;
}

/** Signs in (or answers the second step) with a passkey; `autofill` waits on the email field. */
async function signIn(kind: 'sign-in' | 'second-factor', next: string | undefined, autofill: boolean) {
  const base = kind === 'sign-in' ? '/login/passkey' : '/login/two-factor/passkey';
  const optionsJSON = await postJson<PublicKeyCredentialRequestOptionsJSON>(`${base}/options`, {});
  const response = await startAuthentication({ optionsJSON, useBrowserAutofill: autofill });
  const remember = document.querySelector<HTMLInputElement>('input[name="remember"]')?.checked ?? true;
  const answer = await postJson(
    withNext(base, next),
    kind === 'sign-in' ? { response, remember } : { response },
  );
  location.assign(answer.redirect ?? '/');
}

function enableButtons(): void {
  for (const block of document.querySelectorAll<HTMLElement>('[data-passkey-block]')) {
    if (isAtRelyingParty(block)) block.hidden = false;
  }
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-passkey-action]');
    if (!button) return;
    const kind = button.dataset.passkeyAction === 'second-factor' ? 'second-factor' : 'sign-in';
    const block = button.closest('[data-passkey-block]');
    showError(block, null);
    button.disabled = true;
    signIn(kind, button.dataset.next, false)
      .catch((error: unknown) => showError(block, messageOf(error)))
      .finally(() => {
        button.disabled = false;
      });
  });
}

/** The email field offers the site's passkeys in its autofill list (conditional mediation). */
async function offerAutofill(): Promise<void> {
  const field = document.querySelector('input[autocomplete~="webauthn"]');
  const block = document.querySelector('[data-passkey-block]');
  if (!field || !isAtRelyingParty(block) || !(await browserSupportsWebAuthnAutofill())) return;
  const next = document.querySelector<HTMLElement>('[data-passkey-action="sign-in"]')?.dataset.next;
  // Only the server's refusal is worth saying: the person picked a passkey from the list. A
  // button press cancels this wait (the library aborts it), and the browser's own failures
  // leave the password form as it is.
  await signIn('sign-in', next, true).catch((error: unknown) => {
    if (error instanceof Refusal) showError(block, error.message);
  });
}

function enableRegistration(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-passkey-register]');
  if (!form || !isAtRelyingParty(form)) return;
  form.hidden = false;
  const unsupported = document.querySelector<HTMLElement>('[data-passkey-unsupported]');
  if (unsupported) unsupported.hidden = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    showError(form, null);
    register(form)
      .catch((error: unknown) => showError(form, messageOf(error) ?? 'No passkey was added.'))
      .finally(() => {
        if (button) button.disabled = false;
      });
  });
}

async function register(form: HTMLFormElement): Promise<void> {
  const name = new FormData(form).get('name');
  const optionsJSON = await postJson<PublicKeyCredentialCreationOptionsJSON>(
    '/settings/passkeys/options',
    {},
  );
  const response = await startRegistration({ optionsJSON });
  const answer = await postJson('/settings/passkeys', {
    name: typeof name === 'string' ? name : '',
    response,
  });
  location.assign(answer.redirect ?? '/settings/passkeys');
}

/** Turns on what the page has of passkeys, if the browser can do WebAuthn at all. */
export function enablePasskeys(): void {
  if (!browserSupportsWebAuthn()) return;
  enableRegistration();
  if (!document.querySelector('[data-passkey-block]')) return;
  enableButtons();
  void offerAutofill();
}
