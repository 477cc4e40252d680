import { createSecretBox, type SecretBox } from '../../security/secret-box.ts';
import type { ServiceDeps } from '../deps.ts';

/** Seals authenticator secrets at rest (AES-256-GCM under a key of their own, from SECRET). */
export function totpBox(deps: Pick<ServiceDeps, 'config'>): SecretBox {
  return createSecretBox(deps.config.secret, 'totp-secret');
}
