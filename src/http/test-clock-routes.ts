import { Hono } from 'hono';
import { z } from 'zod';
import type { ManualClock } from '../clock.ts';
import { AppError } from '../domain/errors.ts';
import type { AppEnv } from './context.ts';

const ClockChange = z.union([
  z.object({ now: z.iso.datetime({ offset: true }) }).strict(),
  z
    .object({
      advanceSeconds: z
        .number()
        .finite()
        .min(-10 * 365 * 86_400)
        .max(10 * 365 * 86_400),
    })
    .strict(),
]);

/** Only mounted with CLOCK=manual (refused in production): lets end-to-end tests move time. */
export function testClockRoutes(clock: ManualClock) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json({ now: clock.now().toISOString() }));
  app.post('/', async (c) => {
    const parsed = ClockChange.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) {
      throw new AppError('validation', 'Send {"now": "<RFC 3339>"} or {"advanceSeconds": n}.');
    }
    if ('now' in parsed.data) clock.set(new Date(parsed.data.now));
    else clock.advance(parsed.data.advanceSeconds);
    return c.json({ now: clock.now().toISOString() });
  });
  return app;
}
