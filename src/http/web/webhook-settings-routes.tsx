import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../../domain/errors.ts';
import type { WebhookEvent } from '../../domain/webhook-events.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { getUser } from '../../services/preferences.ts';
import { listTeams } from '../../services/teams/list-teams.ts';
import { createWebhook } from '../../services/webhooks/create-webhook.ts';
import { deleteWebhook } from '../../services/webhooks/delete-webhook.ts';
import { listWebhookDeliveries, listWebhooks } from '../../services/webhooks/list-webhooks.ts';
import { resendWebhookDelivery, sendTestWebhook } from '../../services/webhooks/send-test-webhook.ts';
import { updateWebhook } from '../../services/webhooks/update-webhook.ts';
import { presentDelivery, presentWebhook } from '../api/webhook-schemas.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import type { AssetManifest } from './assets.ts';
import { pageContext } from './page-context.ts';
import { WebhooksPage, type WebhooksPageProps } from './settings-webhooks-page.tsx';

const NOTICES: Record<string, string> = {
  test: 'A test event is on its way.',
  resent: 'The delivery is on its way again, with the same webhook-id.',
  on: 'The webhook is on.',
  off: 'The webhook is off.',
  deleted: 'The webhook is deleted.',
};

/**
 * Settings › Webhooks, mounted under /settings/webhooks behind the settings pages' sign-in check;
 * the global CSRF middleware has checked every POST. Secrets are rendered, never redirected with.
 */
export function webhookSettingsRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    extra: Partial<WebhooksPageProps> = {},
    status: ContentfulStatusCode = 200,
  ) {
    const actor = c.get('actor');
    const [user, rows, teams] = await Promise.all([
      getUser(deps, actor),
      listWebhooks(deps, actor),
      listTeams(deps, actor, { permission: 'webhooks.manage' }),
    ]);
    const webhooks = [];
    for (const row of rows) {
      const log = await listWebhookDeliveries(deps, actor, row.id, { limit: 10 });
      webhooks.push({ ...presentWebhook(row), deliveries: log.items.map(presentDelivery) });
    }
    const page = { ...pageContext(c, assets, 'settings'), theme: user.theme };
    const notice = NOTICES[c.req.query('saved') ?? ''];
    return c.html(
      <WebhooksPage
        page={page}
        webhooks={webhooks}
        teams={teams}
        timeZone={user.timeZone}
        notice={notice}
        {...extra}
      />,
      status,
    );
  }
  const back = (c: Context<AppEnv>, saved: string) => c.redirect(`/settings/webhooks?saved=${saved}`, 303);

  app.get('/', (c) => render(c));
  app.post('/', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const events = ([] as unknown[]).concat(body.events ?? []).map(String) as WebhookEvent[];
    const teamId = typeof body.teamId === 'string' && body.teamId !== '' ? body.teamId : undefined;
    const url = typeof body.url === 'string' ? body.url : '';
    try {
      const { secret } = await createWebhook(deps, c.get('actor'), {
        url,
        events,
        ...(teamId ? { teamId } : {}),
      });
      return render(c, { newSecret: secret, notice: 'The webhook is added.' });
    } catch (error) {
      if (!isAppError(error) || error.code === 'not_found') throw error;
      const values = { url, events, teamId: teamId ?? '' };
      return render(c, { errors: error.fields ?? { form: error.message }, values }, STATUS_OF[error.code]);
    }
  });
  app.post('/:id/rotate', async (c) => {
    const { secret } = await updateWebhook(deps, c.get('actor'), c.req.param('id'), { rotateSecret: true });
    return render(c, {
      newSecret: secret,
      notice: 'A new secret is ready. The old one also signs for 24 hours.',
    });
  });
  app.post('/:id/enable', async (c) => {
    await updateWebhook(deps, c.get('actor'), c.req.param('id'), { enabled: true });
    return back(c, 'on');
  });
  app.post('/:id/disable', async (c) => {
    await updateWebhook(deps, c.get('actor'), c.req.param('id'), { enabled: false });
    return back(c, 'off');
  });
  app.post('/:id/delete', async (c) => {
    await deleteWebhook(deps, c.get('actor'), c.req.param('id'));
    return back(c, 'deleted');
  });
  app.post('/:id/test', async (c) => {
    await sendTestWebhook(deps, c.get('actor'), c.req.param('id'));
    return back(c, 'test');
  });
  app.post('/:id/deliveries/:deliveryId/resend', async (c) => {
    await resendWebhookDelivery(deps, c.get('actor'), c.req.param('id'), c.req.param('deliveryId'));
    return back(c, 'resent');
  });
  return app;
}
