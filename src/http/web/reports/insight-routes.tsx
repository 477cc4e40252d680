import { type Context, Hono } from 'hono';
import type { ServiceDeps } from '../../../services/deps.ts';
import { dismissInsight, listInsights } from '../../../services/insights.ts';
import { type AppEnv, actorOf } from '../../context.ts';
import { requireSession } from '../../middleware/require-session.ts';
import { InsightCards } from './insight-cards.tsx';

/**
 * The insight cards as a fragment (what an open reports page re-fetches when insights change)
 * and dismissing one: htmx gets the cards back, a plain form goes back to /reports. Another
 * person's insight is not found (404).
 */
export function insightPageRoutes(deps: ServiceDeps) {
  const app = new Hono<AppEnv>();
  app.use('/insights/*', requireSession);
  const cards = async (c: Context<AppEnv>) => {
    const session = c.get('session')!;
    const insights = await listInsights(deps, actorOf(session));
    return c.html(<InsightCards insights={insights} csrfToken={c.get('csrfToken')} />);
  };
  app.get('/insights/fragment', (c) => cards(c));
  app.post('/insights/:id/dismiss', async (c) => {
    await dismissInsight(deps, actorOf(c.get('session')!), c.req.param('id'));
    if (c.req.header('hx-request')) return cards(c);
    return c.redirect('/reports#insights', 303);
  });
  return app;
}
