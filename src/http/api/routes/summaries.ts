import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../../services/deps.ts';
import {
  getDaySummary,
  getMonthHeatmap,
  getStreak,
  getWeekSummary,
} from '../../../services/get-summaries.ts';
import type { ApiEnv } from '../context.ts';
import { presentMonthHeatmap, presentProgress, presentStreak, presentWeek } from '../presenters.ts';
import { commonErrors, DaySummary, LocalDate, MonthHeatmap, Streak, WeekSummary } from '../schemas.ts';

const DateQuery = z.object({
  date: LocalDate.optional().openapi({
    param: { name: 'date', in: 'query' },
    description: 'Defaults to today.',
  }),
});

const day = createRoute({
  method: 'get',
  path: '/summaries/day',
  operationId: 'getDaySummary',
  tags: ['Summaries'],
  summary: 'Progress of one day: personal x/3, admin x/1, focus',
  request: { query: DateQuery },
  responses: {
    200: { description: 'The day', content: { 'application/json': { schema: DaySummary } } },
    ...commonErrors,
  },
});

const week = createRoute({
  method: 'get',
  path: '/summaries/week',
  operationId: 'getWeekSummary',
  tags: ['Summaries'],
  summary: 'The week holding a date, from the person’s first day of the week',
  request: { query: DateQuery },
  responses: {
    200: { description: 'The week', content: { 'application/json': { schema: WeekSummary } } },
    ...commonErrors,
  },
});

const month = createRoute({
  method: 'get',
  path: '/summaries/month',
  operationId: 'getMonthHeatmap',
  tags: ['Summaries'],
  summary: 'Focus minutes per day of the month holding a date, with a 0–4 intensity level',
  request: { query: DateQuery },
  responses: {
    200: { description: 'The month', content: { 'application/json': { schema: MonthHeatmap } } },
    ...commonErrors,
  },
});

const streak = createRoute({
  method: 'get',
  path: '/streak',
  operationId: 'getStreak',
  tags: ['Summaries'],
  summary: 'Consecutive days with a completed personal session',
  responses: {
    200: { description: 'The streak', content: { 'application/json': { schema: Streak } } },
    ...commonErrors,
  },
});

export function summaryRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(day, async (c) => {
      const { date, progress } = await getDaySummary(deps, c.get('actor'), c.req.valid('query'));
      return c.json({ date, ...presentProgress(progress) }, 200);
    })
    .openapi(week, async (c) =>
      c.json(presentWeek(await getWeekSummary(deps, c.get('actor'), c.req.valid('query'))), 200),
    )
    .openapi(month, async (c) =>
      c.json(presentMonthHeatmap(await getMonthHeatmap(deps, c.get('actor'), c.req.valid('query'))), 200),
    )
    .openapi(streak, async (c) => {
      const { streak, today } = await getStreak(deps, c.get('actor'));
      return c.json(presentStreak(streak, today), 200);
    });
}
