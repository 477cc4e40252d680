import type { Logger } from 'pino';
import type { UserRow } from '../db/schema/index.ts';
import type { TraceContext } from '../domain/trace-context.ts';
import type { CurrentSignIn } from '../services/auth-sessions.ts';
import type { Actor } from '../services/deps.ts';

/** Typed variables every request carries through the middleware chain. */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** This request's span in the caller's (or a new) W3C trace, and the caller's span if any. */
    trace: TraceContext & { parentSpanId: string | undefined };
    logger: Logger;
    clientIp: string;
    /** The browser's sign-in (its cookie), if any: not a focus session, which is `/sessions/:id`. */
    signIn: CurrentSignIn | null;
    /** Who acts, set by requireSignIn (pages) or the API's auth; only routes behind those read it. */
    actor: PageActor;
    csrfToken: string;
    cspNonce: string;
  };
};

/** A signed-in browser's actor: its user row is always at hand (tokens' actors may lack it). */
export type PageActor = Actor & { user: UserRow };

export function actorOf(signIn: CurrentSignIn): PageActor {
  return {
    id: signIn.user.id,
    email: signIn.user.email,
    isAdmin: signIn.user.isAdmin,
    user: signIn.user,
  };
}
