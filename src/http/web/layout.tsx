import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { PASSWORD_ADVISED_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/password-policy.ts';
import type { Theme } from '../../domain/preferences.ts';
import type { AssetManifest } from './assets.ts';

export type PageContext = {
  assets: AssetManifest;
  csrfToken: string;
  theme: Theme;
  signedIn: boolean;
  /** Which entry of the main navigation is current. */
  section?: 'today' | 'tasks' | 'reports' | 'settings' | undefined;
};

// 4xx answers carry a calm message for #flash (see app.tsx), so htmx swaps them instead of dropping them.
// No `style` among the settled attributes: htmx would copy an old element's style attribute onto
// its replacement before inserting it, and the CSP blocks (and the console reports) every such
// copy. Our HTML never has one, but the browser leaves `style=""` on an element whose inline style
// was touched and reset (password managers, autofill, extensions), which turned every swap of the
// sheet into one violation per field.
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  includeIndicatorStyles: false,
  attributesToSettle: ['class', 'width', 'height'],
  historyCacheSize: 0,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '4..', swap: true, error: false },
    { code: '...', swap: false, error: true },
  ],
});

/** The page shell: no inline script or style (the CSP forbids both). */
export function Layout(props: { page: PageContext; title: string; children: Child }) {
  const { page } = props;
  // Without a doctype browsers render in quirks mode.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en" data-theme={page.theme}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <meta name="htmx-config" content={HTMX_CONFIG} />
          <meta name="csrf-token" content={page.csrfToken} />
          <title>{`${props.title} · Deepsheet`}</title>
          <link rel="stylesheet" href={`/assets/${page.assets.css}`} />
          <link rel="manifest" href="/manifest.webmanifest" />
          <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
          <meta name="theme-color" content="#0f766e" />
          <script type="module" src={`/assets/${page.assets.js}`} />
        </head>
        {/* has-nav goes first: Tailwind's scanner would not see a class glued to a `${`. */}
        <body
          class={`${page.signedIn ? 'has-nav ' : ''}min-h-dvh bg-stone-50 text-stone-900 antialiased dark:bg-stone-950 dark:text-stone-100`}
          hx-headers={JSON.stringify({ 'X-CSRF-Token': page.csrfToken })}
        >
          <a href="#main" class="skip-link">
            Skip to content
          </a>
          {page.signedIn ? <MainNav section={page.section} /> : null}
          <main id="main" class="app-main">
            <div id="flash" />
            {props.children}
          </main>
          <div id="announcer" aria-live="polite" class="sr-only" />
        </body>
      </html>
    </>
  );
}

/**
 * The one main navigation, before the content so the skip link has something to skip. The CSS
 * places it: a bottom tab bar on narrow screens, a side rail from 1024 px up (see .app-nav).
 */
function MainNav(props: { section: PageContext['section'] }) {
  const link = (href: string, label: string, key: PageContext['section']) => (
    <a href={href} class="nav-link" aria-current={props.section === key ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav aria-label="Main" class="app-nav">
      <p class="nav-brand">Deepsheet</p>
      <div class="nav-links">
        {link('/', 'Today', 'today')}
        {link('/tasks', 'Tasks', 'tasks')}
        {link('/reports', 'Reports', 'reports')}
        {link('/settings', 'Settings', 'settings')}
      </div>
    </nav>
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A one-button form that posts to `action` (with the CSRF field): turn off, delete, sync now. */
export function PostButton(props: { action: string; csrfToken: string; label: string }) {
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrfToken} />
      <button type="submit" class="btn-secondary">
        {props.label}
      </button>
    </form>
  );
}

export function TextField(props: {
  label: string;
  name: string;
  type?: string;
  value?: string | undefined;
  error?: string | undefined;
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'email' | 'text';
  min?: number;
  max?: number;
  list?: string;
}) {
  const id = `field-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id} class="field-label">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        list={props.list}
        class="field-input"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint ? (
        <p id={`${id}-hint`} class="field-hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${id}-error`} class="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function FormAlert(props: { message?: string | undefined; tone?: 'error' | 'info' }) {
  if (!props.message) return null;
  return (
    <p
      role={props.tone === 'info' ? 'status' : 'alert'}
      class={props.tone === 'info' ? 'alert-info' : 'alert-error'}
    >
      {props.message}
    </p>
  );
}

/** A field for choosing a password, with the policy said the same way everywhere. */
export function NewPasswordField(props: {
  label: string;
  name: string;
  error?: string | undefined;
  extraHint?: string;
}) {
  const hint = `At least ${PASSWORD_MIN_LENGTH} characters; ${PASSWORD_ADVISED_LENGTH} or more is better. A short sentence works well.`;
  return (
    <TextField
      label={props.label}
      name={props.name}
      type="password"
      error={props.error}
      autocomplete="new-password"
      hint={props.extraHint ? `${hint} ${props.extraHint}` : hint}
      required
    />
  );
}
