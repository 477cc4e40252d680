import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { getUser } from '../../services/preferences.ts';
import { disconnectSlack } from '../../services/slack/disconnect-slack.ts';
import { getSlackConnection } from '../../services/slack/get-slack-connection.ts';
import { saveSlackSettings } from '../../services/slack/save-slack-settings.ts';
import { finishSlackOauth, type OauthOwner, startSlackOauth } from '../../services/slack/slack-oauth.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import type { AssetManifest } from './assets.ts';
import { pageContext } from './page-context.ts';
import { SlackPage, type SlackPageProps } from './settings-slack-page.tsx';

const NOTICES: Record<string, string> = {
  connected: 'Slack is connected. Your status follows your sessions from now on.',
  saved: 'Saved. The next session uses these words.',
  disconnected: 'Slack is disconnected and the token is forgotten.',
};

/**
 * Settings › Slack, mounted under /settings/slack behind the settings pages' sign-in check; the
 * global CSRF middleware has checked every POST. The OAuth callback is a GET from Slack: its
 * `state` (single use, bound to this sign-in) is what protects it.
 */
export function slackSettingsRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  const redirectUri = `${deps.config.appUrl ?? `http://localhost:${deps.config.port}`}/settings/slack/callback`;
  const ownerOf = (c: Context<AppEnv>): OauthOwner => ({
    actor: c.get('actor'),
    signInId: c.get('signIn')!.id,
  });

  async function render(
    c: Context<AppEnv>,
    extra: Partial<SlackPageProps> = {},
    status: ContentfulStatusCode = 200,
  ) {
    const actor = c.get('actor');
    const [user, connection] = await Promise.all([getUser(deps, actor), getSlackConnection(deps, actor)]);
    const page = { ...pageContext(c, assets, 'settings'), theme: user.theme };
    return c.html(
      <SlackPage
        page={page}
        connection={connection}
        canUseOauth={deps.config.slack.oauth !== undefined}
        timeZone={user.timeZone}
        notice={NOTICES[c.req.query('saved') ?? '']}
        {...extra}
      />,
      status,
    );
  }
  /** A refusal the person can act on, as a form error on the page; anything else is a bug. */
  function refused(c: Context<AppEnv>, error: unknown, extra: Partial<SlackPageProps> = {}) {
    if (!isAppError(error) || error.code === 'not_found') throw error;
    return render(c, { errors: error.fields ?? { form: error.message }, ...extra }, STATUS_OF[error.code]);
  }
  const back = (c: Context<AppEnv>, saved: string) => c.redirect(`/settings/slack?saved=${saved}`, 303);

  app.get('/', (c) => render(c));
  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    try {
      // An empty field is "no token" to the service, which then says to paste one.
      await saveSlackSettings(deps, c.get('actor'), token === '' ? {} : { token });
    } catch (error) {
      return refused(c, error);
    }
    return back(c, 'connected');
  });
  app.post('/settings', async (c) => {
    const body = await c.req.parseBody();
    const values = {
      statusText: typeof body.statusText === 'string' ? body.statusText : '',
      statusEmoji: typeof body.statusEmoji === 'string' ? body.statusEmoji : '',
      setDnd: body.setDnd === 'on',
    };
    try {
      await saveSlackSettings(deps, c.get('actor'), values);
    } catch (error) {
      return refused(c, error, { values });
    }
    return back(c, 'saved');
  });
  app.post('/disconnect', async (c) => {
    await disconnectSlack(deps, c.get('actor'));
    return back(c, 'disconnected');
  });

  app.get('/connect', async (c) => c.redirect(await startSlackOauth(deps, ownerOf(c), redirectUri), 302));
  app.get('/callback', async (c) => {
    try {
      await finishSlackOauth(
        deps,
        ownerOf(c),
        { state: c.req.query('state'), code: c.req.query('code'), error: c.req.query('error') },
        redirectUri,
      );
    } catch (error) {
      return refused(c, error);
    }
    return back(c, 'connected');
  });
  return app;
}
