import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { localDateOf } from '../../../domain/local-date.ts';
import { parseDateParam } from '../../../services/day-sheet.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getUser } from '../../../services/preferences.ts';
import { dayProgressFor, monthHeatmapFor, streakFor, weekSummaryFor } from '../../../services/summaries.ts';
import type { ApiEnv } from '../context.ts';
import { presentProgress, presentStreak, presentWeek } from '../presenters.ts';
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
  const today = async (actorId: Parameters<typeof getUser>[1]) => {
    const user = await getUser(deps, actorId);
    return { user, today: localDateOf(deps.clock.now(), user.timeZone) };
  };
  return new OpenAPIHono<ApiEnv>()
    .openapi(day, async (c) => {
      const { user, today: t } = await today(c.get('actor'));
      const date = c.req.valid('query').date ? parseDateParam(c.req.valid('query').date) : t;
      return c.json({ date, ...presentProgress(await dayProgressFor(deps.db, user.id, date)) }, 200);
    })
    .openapi(week, async (c) => {
      const { user, today: t } = await today(c.get('actor'));
      const date = c.req.valid('query').date ? parseDateParam(c.req.valid('query').date) : t;
      return c.json(presentWeek(await weekSummaryFor(deps.db, user, date)), 200);
    })
    .openapi(month, async (c) => {
      const { user, today: t } = await today(c.get('actor'));
      const date = c.req.valid('query').date ? parseDateParam(c.req.valid('query').date) : t;
      return c.json(await monthHeatmapFor(deps.db, user.id, date), 200);
    })
    .openapi(streak, async (c) => {
      const { user, today: t } = await today(c.get('actor'));
      return c.json(presentStreak(await streakFor(deps.db, user.id, t), t), 200);
    });
}
