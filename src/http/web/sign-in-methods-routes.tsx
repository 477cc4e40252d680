import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { sendEmailVerification } from '../../services/email-verification.ts';
import { requestPasswordReset } from '../../services/password-reset.ts';
import { getUser } from '../../services/preferences.ts';
import { getSignInMethods } from '../../services/sign-in-providers/get-sign-in-methods.ts';
import { unlinkIdentity } from '../../services/sign-in-providers/unlink-identity.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import type { AssetManifest } from './assets.ts';
import { pageContext } from './page-context.ts';
import { redirectToProvider } from './provider-sign-in-routes.tsx';
import { SignInMethodsPage } from './settings-sign-in-methods-page.tsx';

const NOTICES: Record<string, string> = {
  linked: 'Linked. You can sign in with it from now on.',
  unlinked: 'Unlinked. It no longer signs you in.',
  'verify-sent': 'We sent a verification link to your email. It works once, for 24 hours.',
  'password-link-sent': 'We sent you a link to set a password. It works once, for 30 minutes.',
};

/**
 * Settings › Sign-in methods, mounted under /settings/sign-in-methods behind the settings pages'
 * sign-in check; the global CSRF middleware has checked every POST. Linking starts the provider
 * flow in link mode, bound to this sign-in.
 */
export function signInMethodsRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();

  async function render(c: Context<AppEnv>, error?: string, status: ContentfulStatusCode = 200) {
    const actor = c.get('actor');
    const [user, methods] = await Promise.all([getUser(deps, actor), getSignInMethods(deps, actor)]);
    const page = { ...pageContext(c, assets, 'settings'), theme: user.theme };
    return c.html(
      <SignInMethodsPage
        page={page}
        methods={methods}
        notice={NOTICES[c.req.query('saved') ?? '']}
        error={error}
      />,
      status,
    );
  }
  const back = (c: Context<AppEnv>, saved: string) =>
    c.redirect(`/settings/sign-in-methods?saved=${saved}`, 303);
  function refused(c: Context<AppEnv>, error: unknown) {
    if (!isAppError(error) || error.code === 'not_found') throw error;
    if (error.code === 'rate_limited')
      c.header('Retry-After', String(error.details?.retryAfterSeconds ?? 60));
    return render(c, error.message, STATUS_OF[error.code]);
  }

  app.get('/', (c) => render(c));
  app.post('/link/:provider', (c) =>
    redirectToProvider(c, deps, assets, {
      provider: c.req.param('provider'),
      mode: 'link',
      actor: c.get('actor'),
      signInId: c.get('signIn')!.id,
    }),
  );
  app.post('/:id/unlink', async (c) => {
    try {
      await unlinkIdentity(deps, c.get('actor'), c.req.param('id'));
    } catch (error) {
      return refused(c, error);
    }
    return back(c, 'unlinked');
  });
  app.post('/verify-email', async (c) => {
    try {
      await sendEmailVerification(deps, c.get('actor').id);
    } catch (error) {
      return refused(c, error);
    }
    return back(c, 'verify-sent');
  });
  app.post('/set-password', async (c) => {
    try {
      await requestPasswordReset(deps, c.get('actor').email, c.get('clientIp'));
    } catch (error) {
      return refused(c, error);
    }
    return back(c, 'password-link-sent');
  });
  return app;
}
