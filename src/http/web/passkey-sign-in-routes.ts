import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { isAppError } from '../../domain/errors.ts';
import { PasskeySignInInput } from '../../domain/inputs/passkeys.ts';
import { parseOrThrow } from '../../services/create-user.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import {
  completePasskeySecondFactor,
  startPasskeySecondFactor,
} from '../../services/passkeys/passkey-second-factor.ts';
import { finishPasskeySignIn, startPasskeySignIn } from '../../services/passkeys/passkey-sign-in.ts';
import { CHALLENGE_MINUTES } from '../../services/two-factor/two-factor-sign-in.ts';
import type { AppEnv } from '../context.ts';
import {
  clearTwoFactorCookie,
  setSessionCookie,
  setTwoFactorCookie,
  twoFactorCookieOf,
} from '../middleware/sign-in.ts';
import { safeNextPath } from './page-context.ts';

const SecondFactorInput = z.object({ response: z.unknown() });

/**
 * The JSON calls of signing in with a passkey, made by src/client/passkeys.ts from /login and
 * /login/two-factor: options (a challenge), then the authenticator's answer. CSRF-checked like
 * every POST (X-CSRF-Token); refusals answer problem JSON through the app's error handler. The
 * answer says where to go; the cookies are set here, as the form posts do.
 */
export function passkeySignInRoutes(deps: ServiceDeps) {
  const app = new Hono<AppEnv>();
  const context = (c: Context<AppEnv>) => ({
    userAgent: c.req.header('user-agent') ?? '',
    ip: c.get('clientIp'),
  });
  // Where to go after signing in, from the page's own ?next= (only a path on this site).
  const nextOf = (c: Context<AppEnv>) => safeNextPath(c.req.query('next'));

  app.post('/login/passkey/options', async (c) => c.json(await startPasskeySignIn(deps, context(c))));

  app.post('/login/passkey', async (c) => {
    const input = parseOrThrow(PasskeySignInInput, await c.req.json());
    const result = await finishPasskeySignIn(
      deps,
      { response: input.response, remember: input.remember, previousSessionId: c.get('signIn')?.id },
      context(c),
    );
    const next = nextOf(c);
    if (result.kind === 'two-factor') {
      setTwoFactorCookie(c, deps.config, result.challengeToken, CHALLENGE_MINUTES * 60);
      const redirect =
        next === '/' ? '/login/two-factor' : `/login/two-factor?next=${encodeURIComponent(next)}`;
      return c.json({ redirect });
    }
    setSessionCookie(c, deps.config, result.token, input.remember);
    return c.json({ redirect: next });
  });

  app.post('/login/two-factor/passkey/options', async (c) =>
    c.json(await startPasskeySecondFactor(deps, twoFactorCookieOf(c, deps.config))),
  );

  app.post('/login/two-factor/passkey', async (c) => {
    const input = parseOrThrow(SecondFactorInput, await c.req.json());
    try {
      const result = await completePasskeySecondFactor(
        deps,
        {
          challengeToken: twoFactorCookieOf(c, deps.config),
          response: input.response,
          previousSessionId: c.get('signIn')?.id,
        },
        context(c),
      );
      clearTwoFactorCookie(c, deps.config);
      setSessionCookie(c, deps.config, result.token, result.remember);
      return c.json({ redirect: nextOf(c) });
    } catch (error) {
      if (isAppError(error) && error.code === 'auth.challenge_expired') clearTwoFactorCookie(c, deps.config);
      throw error;
    }
  });
  return app;
}
