import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import type { AssetManifest } from './assets.ts';
import type { PageContext } from './layout.tsx';

export function pageContext(
  c: Context<AppEnv>,
  assets: AssetManifest,
  section?: PageContext['section'],
): PageContext {
  const signIn = c.get('signIn');
  return {
    assets,
    csrfToken: c.get('csrfToken'),
    theme: signIn?.user.theme ?? 'system',
    signedIn: signIn !== null,
    section,
  };
}

/**
 * Where to go after signing in: only a path on this site. Anything that could leave the site
 * (`//evil`, `/\evil`, `https://…`, control characters) falls back to the sheet.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.includes('\\') || [...next].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))
    return '/';
  try {
    const url = new URL(next, 'http://deepsheet.invalid');
    if (url.origin !== 'http://deepsheet.invalid') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
