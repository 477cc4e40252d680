import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../../domain/errors.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { connectIntegration } from '../../services/integrations/connect-integration.ts';
import {
  disconnectIntegration,
  findIntegration,
  listImportTargets,
  listIntegrations,
  syncIntegrationNow,
} from '../../services/integrations/manage-integrations.ts';
import { getUser } from '../../services/preferences.ts';
import { presentIntegration } from '../api/integration-schemas.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import type { AssetManifest } from './assets.ts';
import { pageContext } from './page-context.ts';
import {
  type ConnectFormValues,
  ConnectionStatus,
  IntegrationsPage,
  type IntegrationsPageProps,
} from './settings-integrations-page.tsx';

const NOTICES: Record<string, string> = {
  connected: 'Connected. The first import has started; this page shows how far it is.',
  sync: 'A sync is on its way.',
  deleted: 'Disconnected and the token is deleted. The imported tasks stay yours.',
};

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Settings › GitHub and GitLab, mounted under /settings/integrations behind the settings pages'
 * sign-in check; the global CSRF middleware has checked every POST. The token is never rendered.
 */
export function integrationSettingsRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();

  async function render(
    c: Context<AppEnv>,
    extra: Partial<IntegrationsPageProps> = {},
    status: ContentfulStatusCode = 200,
  ) {
    const actor = c.get('actor');
    const [user, rows, targets] = await Promise.all([
      getUser(deps, actor),
      listIntegrations(deps, actor),
      listImportTargets(deps, actor),
    ]);
    const page = { ...pageContext(c, assets, 'settings'), theme: user.theme };
    return c.html(
      <IntegrationsPage
        page={page}
        connections={rows.map(presentIntegration)}
        projects={targets.map((p) => ({
          id: p.id,
          label: p.teamName ? `${p.name} (${p.teamName})` : p.name,
        }))}
        now={deps.clock.now()}
        timeZone={user.timeZone}
        notice={NOTICES[c.req.query('saved') ?? '']}
        {...extra}
      />,
      status,
    );
  }
  const back = (c: Context<AppEnv>, saved: string) =>
    c.redirect(`/settings/integrations?saved=${saved}`, 303);

  app.get('/', (c) => render(c));
  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const values: ConnectFormValues = {
      provider: text(body.provider),
      baseUrl: text(body.baseUrl),
      repositories: text(body.repositories),
      projectId: text(body.projectId),
    };
    const repositories = values.repositories.split(/[\s,]+/).filter(Boolean);
    try {
      await connectIntegration(deps, c.get('actor'), {
        provider: values.provider as 'github',
        token: text(body.token),
        ...(values.baseUrl ? { baseUrl: values.baseUrl } : {}),
        repositories: repositories.length > 0 ? repositories : 'all',
        projectId: values.projectId,
      });
      return back(c, 'connected');
    } catch (error) {
      if (!isAppError(error)) throw error;
      const errors =
        error.code === 'not_found'
          ? { projectId: 'Choose one of your projects.' }
          : (error.fields ?? { form: error.message });
      return render(
        c,
        { errors: fieldErrors(errors), values },
        error.code === 'not_found' ? 422 : STATUS_OF[error.code],
      );
    }
  });
  app.get('/:id/status', async (c) => {
    const actor = c.get('actor');
    const [user, row] = await Promise.all([
      getUser(deps, actor),
      findIntegration(deps, actor, c.req.param('id')),
    ]);
    return c.html(
      <ConnectionStatus view={presentIntegration(row)} now={deps.clock.now()} timeZone={user.timeZone} />,
    );
  });
  app.post('/:id/sync', async (c) => {
    try {
      await syncIntegrationNow(deps, c.get('actor'), c.req.param('id'));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'conflict') throw error;
      return render(c, { errors: { form: error.message } }, 409);
    }
    return back(c, 'sync');
  });
  app.post('/:id/delete', async (c) => {
    await disconnectIntegration(deps, c.get('actor'), c.req.param('id'));
    return back(c, 'deleted');
  });
  return app;
}

/**
 * The input's field errors, named as the form names them: zod reports a repository by its place
 * in the list ("repositories.2"), the form has one field for them all.
 */
function fieldErrors(errors: Record<string, string>): Record<string, string> {
  const named: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) named[path.split('.')[0]!] ??= message;
  return named;
}
