import { type Context, Hono } from 'hono';
import type { ServiceDeps } from '../../../services/deps.ts';
import { dismissInsight, listInsights } from '../../../services/insights.ts';
import type { AppEnv } from '../../context.ts';
import { requireSignIn } from '../../middleware/require-sign-in.ts';
import { InsightCards } from './insight-cards.tsx';

/**
 * The insight cards as a fragment (what an open reports page re-fetches when insights change)
 * and dismissing one: htmx gets the cards back, a plain form goes back to /reports. Another
 * person's insight is not found (404).
 */
export function insightPageRoutes(deps: ServiceDeps) {
  const app = new Hono<AppEnv>();
  app.use('/insights/*', requireSignIn);
  const cards = async (c: Context<AppEnv>) => {
    const insights = await listInsights(deps, c.get('actor'));
    return c.html(<InsightCards insights={insights} csrfToken={c.get('csrfToken')} />);
  };
  app.get('/insights/fragment', (c) => cards(c));
  app.post('/insights/:id/dismiss', async (c) => {
    await dismissInsight(deps, c.get('actor'), c.req.param('id'));
    if (c.req.header('hx-request')) return cards(c);
    return c.redirect('/reports#insights', 303);
  });
  return app;
}
