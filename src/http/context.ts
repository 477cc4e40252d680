import type { Logger } from 'pino';
import type { CurrentSession } from '../services/auth-sessions.ts';
import type { Actor } from '../services/deps.ts';

/** Typed variables every request carries through the middleware chain. */
export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
    clientIp: string;
    session: CurrentSession | null;
    csrfToken: string;
    cspNonce: string;
  };
};

export function actorOf(session: CurrentSession): Actor {
  return {
    id: session.user.id,
    email: session.user.email,
    isAdmin: session.user.isAdmin,
    user: session.user,
  };
}
