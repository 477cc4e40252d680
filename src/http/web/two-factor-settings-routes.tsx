import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { getUser } from '../../services/preferences.ts';
import {
  confirmTwoFactor,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
  startTwoFactorSetup,
} from '../../services/two-factor/two-factor-settings.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import type { AssetManifest } from './assets.ts';
import { pageContext } from './page-context.ts';
import { qrCodeSvg } from './qr-code.ts';
import { TwoFactorPage, type TwoFactorPageProps } from './settings-two-factor-page.tsx';

const NOTICES: Record<string, string> = {
  off: 'Two-factor authentication is off. Signing in takes your password only.',
  'recovery-used':
    'You signed in with a recovery code, which now no longer works. Make new ones below if few are left.',
};

/**
 * Settings › Two-factor authentication, mounted under /settings/two-factor behind the settings
 * pages' sign-in check; the global CSRF middleware has checked every POST. Recovery codes are
 * rendered in the answer to the POST that made them, never put in a URL.
 */
export function twoFactorSettingsRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    extra: Partial<TwoFactorPageProps> = {},
    status: ContentfulStatusCode = 200,
  ) {
    const actor = c.get('actor');
    const [user, twoFactor] = await Promise.all([getUser(deps, actor), getTwoFactorStatus(deps, actor)]);
    const page = { ...pageContext(c, assets, 'settings'), theme: user.theme };
    const qrSvg =
      twoFactor.state === 'setting-up'
        ? await qrCodeSvg(twoFactor.uri, 'QR code of your two-factor key, for your authenticator app')
        : undefined;
    return c.html(
      <TwoFactorPage
        page={page}
        status={twoFactor}
        qrSvg={qrSvg}
        timeZone={user.timeZone}
        notice={NOTICES[c.req.query('saved') ?? '']}
        {...extra}
      />,
      status,
    );
  }
  /** A refusal the person can act on, as a form error on the page; anything else is a bug. */
  function refused(c: Context<AppEnv>, error: unknown, rename: Record<string, string> = {}) {
    if (!isAppError(error)) throw error;
    if (error.code === 'rate_limited')
      c.header('Retry-After', String(error.details?.retryAfterSeconds ?? 60));
    const fields = Object.fromEntries(
      Object.entries(error.fields ?? { form: error.message }).map(([k, v]) => [rename[k] ?? k, v]),
    );
    return render(c, { errors: fields }, STATUS_OF[error.code]);
  }
  const form = async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody();
    return {
      password: typeof body.password === 'string' ? body.password : '',
      code: typeof body.code === 'string' ? body.code : '',
    };
  };

  app.get('/', (c) => render(c));
  app.post('/setup', async (c) => {
    const { password } = await form(c);
    try {
      await startTwoFactorSetup(deps, c.get('actor'), { password });
    } catch (error) {
      return refused(c, error);
    }
    return c.redirect('/settings/two-factor', 303);
  });
  app.post('/confirm', async (c) => {
    const { code } = await form(c);
    try {
      const { recoveryCodes } = await confirmTwoFactor(deps, c.get('actor'), { code, ip: c.get('clientIp') });
      return render(c, { recoveryCodes, notice: 'Two-factor authentication is on.' });
    } catch (error) {
      return refused(c, error);
    }
  });
  app.post('/recovery-codes', async (c) => {
    const { password } = await form(c);
    try {
      const { recoveryCodes } = await regenerateRecoveryCodes(deps, c.get('actor'), { password });
      return render(c, {
        recoveryCodes,
        notice: 'New recovery codes are made; the old ones no longer work.',
      });
    } catch (error) {
      return refused(c, error, { password: 'recoveryPassword' });
    }
  });
  app.post('/disable', async (c) => {
    const { password, code } = await form(c);
    try {
      await disableTwoFactor(deps, c.get('actor'), { password, code, ip: c.get('clientIp') });
    } catch (error) {
      return refused(c, error);
    }
    return c.redirect('/settings/two-factor?saved=off', 303);
  });
  return app;
}
