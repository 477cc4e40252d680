import type { ServiceDeps } from '../deps.ts';

/** The page where an invitation is accepted; the token is the only secret in it. */
export function invitationUrl(deps: ServiceDeps, token: string): string {
  const base = deps.config.appUrl ?? `http://localhost:${deps.config.port}`;
  return `${base}/invitations/${encodeURIComponent(token)}`;
}
