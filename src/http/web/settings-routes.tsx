import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../../domain/errors.ts';
import { PreferencesPatch } from '../../domain/inputs/preferences.ts';
import { listApiRequests } from '../../services/api-request-log.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/api-tokens.ts';
import { deleteOtherAuthSessions, listDevices, revokeDevice } from '../../services/auth-sessions.ts';
import { changePassword } from '../../services/change-password.ts';
import { deleteAccount } from '../../services/delete-account.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { getUser, preferencesOf, updatePreferences } from '../../services/preferences.ts';
import { getTwoFactorStatus } from '../../services/two-factor/two-factor-settings.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import { requireSignIn } from '../middleware/require-sign-in.ts';
import { clearSessionCookie } from '../middleware/sign-in.ts';
import type { AssetManifest } from './assets.ts';
import {
  CALENDAR_FEED_NOTICES,
  calendarFeedSettingsRoutes,
  calendarFeedViewOf,
} from './calendar-feed-settings-routes.ts';
import { parseForm } from './form-input.ts';
import { integrationSettingsRoutes } from './integration-settings-routes.tsx';
import { notificationSettingsRoutes } from './notification-settings-routes.tsx';
import { pageContext } from './page-context.ts';
import { passkeySettingsRoutes } from './passkey-settings-routes.tsx';
import { SettingsPage, type SettingsProps } from './settings-page.tsx';
import { signInMethodsRoutes } from './sign-in-methods-routes.tsx';
import { slackSettingsRoutes } from './slack-settings-routes.tsx';
import { twoFactorSettingsRoutes } from './two-factor-settings-routes.tsx';
import { webhookSettingsRoutes } from './webhook-settings-routes.tsx';

const NOTICES: Record<string, string> = {
  preferences: 'Preferences saved.',
  password: 'Password changed. Other devices are signed out.',
  device: 'That device is signed out.',
  others: 'Other devices are signed out.',
  revoked: 'The token is revoked.',
  ...CALENDAR_FEED_NOTICES,
};

/** Settings: preferences, password and signed-in devices. */
export function settingsRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn);

  async function render(
    c: Context<AppEnv>,
    extra: Partial<SettingsProps> = {},
    status: ContentfulStatusCode = 200,
  ) {
    const actor = c.get('actor');
    const user = await getUser(deps, actor);
    const [devices, tokens, calls, calendarFeed, twoFactor] = await Promise.all([
      listDevices(deps, actor, c.get('signIn')!.id),
      listApiTokens(deps, actor, { limit: 50 }),
      listApiRequests(deps, actor, { limit: 20 }),
      calendarFeedViewOf(deps, c),
      getTwoFactorStatus(deps, actor),
    ]);
    const page = { ...pageContext(c, assets, 'settings'), theme: user.theme };
    return c.html(
      <SettingsPage
        page={page}
        email={user.email}
        preferences={preferencesOf(user)}
        devices={devices}
        timeZone={user.timeZone}
        tokens={tokens.items}
        apiCalls={calls.items}
        calendarFeed={calendarFeed}
        isTwoFactorOn={twoFactor.state === 'on'}
        hasPassword={user.passwordHash !== null}
        isEmailVerified={user.emailVerifiedAt !== null}
        now={deps.clock.now()}
        notice={NOTICES[c.req.query('saved') ?? '']}
        {...extra}
      />,
      status,
    );
  }

  app.get('/', (c) => render(c));
  app.route('/calendar-feed', calendarFeedSettingsRoutes(deps));
  // Webhooks (issue 15)
  app.route('/webhooks', webhookSettingsRoutes(deps, assets));
  // Web Push (issue 16)
  app.route('/notifications', notificationSettingsRoutes(deps, assets));
  // Slack focus status (issue 15)
  app.route('/slack', slackSettingsRoutes(deps, assets));
  // GitHub and GitLab import (issue 15)
  app.route('/integrations', integrationSettingsRoutes(deps, assets));
  // Two-factor authentication (issue 16)
  app.route('/two-factor', twoFactorSettingsRoutes(deps, assets));
  // Sign in with GitHub, Google or OpenID Connect (issue 16)
  app.route('/sign-in-methods', signInMethodsRoutes(deps, assets));
  // Passkeys (issue 16)
  app.route('/passkeys', passkeySettingsRoutes(deps, assets));

  app.post('/preferences', async (c) => {
    const body = await c.req.parseBody();
    try {
      await updatePreferences(deps, c.get('actor'), parseForm(PreferencesPatch, body));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation') throw error;
      const user = await getUser(deps, c.get('actor'));
      const preferences = {
        ...preferencesOf(user),
        ...Object.fromEntries(Object.keys(PreferencesPatch.shape).map((k) => [k, String(body[k] ?? '')])),
      } as SettingsProps['preferences'];
      return render(c, { preferences, preferenceErrors: error.fields }, 422);
    }
    return c.redirect('/settings?saved=preferences', 303);
  });

  app.post('/password', async (c) => {
    const body = await c.req.parseBody();
    try {
      await changePassword(
        deps,
        c.get('actor'),
        { currentPassword: String(body.currentPassword ?? ''), newPassword: String(body.newPassword ?? '') },
        c.get('signIn')!.id,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return render(
        c,
        { passwordErrors: error.fields ?? { newPassword: error.message } },
        STATUS_OF[error.code],
      );
    }
    return c.redirect('/settings?saved=password', 303);
  });

  app.post('/delete-account', async (c) => {
    const body = await c.req.parseBody();
    try {
      await deleteAccount(deps, c.get('actor'), { password: String(body.password ?? '') });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return render(
        c,
        { deleteAccountError: error.fields?.password ?? error.message },
        STATUS_OF[error.code],
      );
    }
    clearSessionCookie(c, deps.config);
    return c.redirect('/login?deleted=1', 303);
  });

  app.post('/tokens', async (c) => {
    const body = await c.req.parseBody();
    const scope = body.scope === 'write' ? (['read', 'write'] as const) : (['read'] as const);
    const days =
      typeof body.expiresInDays === 'string' && body.expiresInDays !== ''
        ? Number(body.expiresInDays)
        : undefined;
    try {
      const { secret } = await createApiToken(deps, c.get('actor'), {
        name: typeof body.name === 'string' ? body.name : '',
        scopes: [...scope],
        ...(days !== undefined ? { expiresInDays: days } : {}),
      });
      // Rendered, not redirected: the secret must never travel in a URL.
      return render(c, { newTokenSecret: secret });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return render(c, { tokenErrors: error.fields ?? { form: error.message } }, STATUS_OF[error.code]);
    }
  });

  app.post('/tokens/:id/revoke', async (c) => {
    await revokeApiToken(deps, c.get('actor'), c.req.param('id'));
    return c.redirect('/settings?saved=revoked', 303);
  });

  app.post('/devices/revoke-others', async (c) => {
    await deleteOtherAuthSessions(deps.db, c.get('actor').id, c.get('signIn')!.id);
    return c.redirect('/settings?saved=others', 303);
  });

  app.post('/devices/:id/revoke', async (c) => {
    await revokeDevice(deps, c.get('actor'), c.req.param('id'));
    return c.redirect('/settings?saved=device', 303);
  });

  return app;
}
