import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getDaySheet } from '../../../services/day-sheet.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { ApiEnv } from '../context.ts';
import { presentDay } from '../presenters.ts';
import { commonErrors, Day, LocalDate } from '../schemas.ts';

const getDay = createRoute({
  method: 'get',
  path: '/days/{date}',
  operationId: 'getDay',
  tags: ['Sheet'],
  summary: 'The sheet of a date: its four sessions with remaining time, and the day’s progress',
  description: 'Viewing stores nothing. `date` may be `today` for today in the person’s time zone.',
  request: {
    params: z.object({
      date: z
        .union([LocalDate, z.literal('today')])
        .openapi({ param: { name: 'date', in: 'path' }, example: '2026-04-06' }),
    }),
  },
  responses: {
    200: { description: 'The day', content: { 'application/json': { schema: Day } } },
    ...commonErrors,
  },
});

export function dayRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>().openapi(getDay, async (c) => {
    const { date } = c.req.valid('param');
    return c.json(
      presentDay(await getDaySheet(deps, c.get('actor'), date === 'today' ? undefined : date)),
      200,
    );
  });
}
