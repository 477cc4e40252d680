import type { TokenScope } from '../../db/schema/index.ts';
import type { Actor } from '../../services/deps.ts';
import type { AppEnv } from '../context.ts';

/** Who is calling the API, and with what rights. */
export type ApiActor = Actor & {
  scopes: readonly TokenScope[];
  tokenId: string | null;
  /** The sign-in session, when the call came with the app's cookie. */
  sessionId: string | null;
  /** When the credentials stop working at the latest (token expiry, session expiry). */
  expiresAt: Date | null;
};

export type ApiEnv = {
  Variables: Omit<AppEnv['Variables'], 'actor'> & { actor: ApiActor };
};
