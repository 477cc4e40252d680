import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Db } from '../db/client.ts';
import type { AppEnv } from './context.ts';

/** Liveness never touches the database; readiness does one round trip. Neither discloses versions. */
export function healthRoutes(db: Db) {
  const app = new Hono<AppEnv>();
  app.get('/live', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' });
  });
  app.get('/ready', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await Promise.race([
        db.execute(sql`select 1`),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]);
      return c.json({ status: 'ok', database: 'ok' });
    } catch {
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
    }
  });
  return app;
}
