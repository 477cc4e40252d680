import { type RelyingParty, relyingPartyOf } from '../../domain/passkey-rules.ts';
import type { ServiceDeps } from '../deps.ts';

/** This server as a WebAuthn relying party: from APP_URL (configuration), never from a request. */
export function relyingParty(deps: Pick<ServiceDeps, 'config'>): RelyingParty {
  return relyingPartyOf(deps.config.appUrl, deps.config.port);
}
