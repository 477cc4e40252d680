import { Hono } from 'hono';
import type { ServiceDeps } from '../../services/deps.ts';
import type { AppEnv } from '../context.ts';
import { requireSession } from '../middleware/require-session.ts';
import type { AssetManifest } from './assets.ts';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';

/** Today's sheet. */
export function todayRoutes(_deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  app.use('/', requireSession);
  app.get('/', (c) => {
    const user = c.get('session')!.user;
    return c.html(
      <Layout page={pageContext(c, assets, 'today')} title="Today">
        <h1 class="text-xl font-semibold">Today</h1>
        <p class="mt-2 text-stone-600 dark:text-stone-400">
          Three deep sessions for you, one for admin. Write a goal and press Start.
        </p>
        <p class="mt-4 text-sm" data-testid="today-zone">
          Time zone: {user.timeZone} · {user.sessionLengthMinutes} min sessions
        </p>
      </Layout>,
    );
  });
  return app;
}
