import { z } from '@hono/zod-openapi';
import { type Report as DomainReport, REPORT_OUTCOMES } from '../../domain/report.ts';
import type { ReportPeriod } from '../../domain/report-periods.ts';
import { SWITCH_REASONS, TASK_TYPES } from '../../domain/work-values.ts';
import type { YearHeatmap as DomainYearHeatmap } from '../../domain/year-heatmap.ts';
import { LocalDate } from './schemas.ts';

// The parts a team report (team-report-schemas.ts) shares with a personal one.
export const Count = z.number().int().min(0);
export const Minutes = z.number().int().min(0).openapi({ description: 'Whole minutes of focus.' });

export const FocusSplit = { focusMinutes: Minutes, personalMinutes: Minutes, adminMinutes: Minutes };
export const ReportRange = z.object({ from: LocalDate, to: LocalDate, days: z.number().int().min(1) });
export const ReportPeriodName = z.enum(['week', 'month', 'custom']);
export const ReportDay = z.object({ date: LocalDate, completed: Count, ...FocusSplit });
export const ReportSwitches = z.object({
  total: Count,
  perFocusHour: z.number().min(0).nullable(),
  byReason: z.array(z.object({ reason: z.enum(SWITCH_REASONS), count: Count })),
});

export const Report = z
  .object({
    period: ReportPeriodName,
    range: ReportRange,
    today: LocalDate,
    sessions: z.object({
      planned: Count.openapi({
        description:
          'Every stored slot of the range’s days up to today, whatever its state (a touched day holds four).',
      }),
      completed: Count,
      skipped: Count,
      personalCompleted: Count,
      adminCompleted: Count,
      completionRate: z
        .number()
        .min(0)
        .max(1)
        .nullable()
        .openapi({ description: 'completed / planned; null when nothing was planned.' }),
    }),
    focus: z.object({
      ...FocusSplit,
      overtimeMinutes: Minutes,
      focusedDays: Count,
      unplacedMinutes: Minutes.openapi({
        description:
          'Focus of sessions logged afterwards; they have no start time, so byHour leaves them out.',
      }),
    }),
    streaks: z.object({
      current: z.object({ length: Count, includesToday: z.boolean(), needsToday: z.boolean() }),
      longestInRange: Count,
    }),
    byDay: z.array(ReportDay),
    byProject: z.array(
      z.object({
        projectId: z
          .string()
          .nullable()
          .openapi({ description: 'null: no main task, or a task without a project.' }),
        name: z.string().nullable(),
        focusMinutes: Minutes,
        sessions: Count,
      }),
    ),
    byTaskType: z.array(
      z.object({ type: z.enum([...TASK_TYPES, 'none']), focusMinutes: Minutes, sessions: Count }),
    ),
    byHour: z
      .array(z.object({ hour: z.number().int().min(0).max(23), focusMinutes: Minutes, completed: Count }))
      .openapi({
        description:
          '24 local hours. Focus is laid out from the session’s first start for its focus time, split across the hours it covers.',
      }),
    switches: ReportSwitches,
    outcomes: z.object(
      Object.fromEntries([...REPORT_OUTCOMES, 'none'].map((o) => [o, Count])) as Record<
        (typeof REPORT_OUTCOMES)[number] | 'none',
        typeof Count
      >,
    ),
  })
  .openapi('Report');

export const YearHeatmap = z
  .object({
    from: LocalDate,
    to: LocalDate,
    focusMinutes: Minutes,
    activeDays: Count,
    days: z.array(
      z.object({
        date: LocalDate,
        focusMinutes: Minutes,
        level: z
          .number()
          .int()
          .min(0)
          .max(4)
          .openapi({ description: '0 none, 1 any, 2 ≥45, 3 ≥90, 4 ≥135 minutes.' }),
      }),
    ),
  })
  .openapi('YearHeatmap');

/** The report as it leaves the server: every field named. */
export function presentReport(period: ReportPeriod, r: DomainReport): z.infer<typeof Report> {
  return {
    period,
    range: { from: r.range.from, to: r.range.to, days: r.range.days },
    today: r.today,
    sessions: { ...r.sessions },
    focus: { ...r.focus },
    streaks: {
      current: {
        length: r.streaks.current.length,
        includesToday: r.streaks.current.includesToday,
        needsToday: r.streaks.current.needsToday,
      },
      longestInRange: r.streaks.longestInRange,
    },
    byDay: r.byDay,
    byProject: r.byProject,
    byTaskType: r.byTaskType,
    byHour: r.byHour,
    switches: r.switches,
    outcomes: r.outcomes,
  };
}

export function presentYearHeatmap(map: DomainYearHeatmap): z.infer<typeof YearHeatmap> {
  return {
    from: map.from,
    to: map.to,
    focusMinutes: map.focusMinutes,
    activeDays: map.activeDays,
    days: map.days.map((d) => ({ date: d.date, focusMinutes: d.focusMinutes, level: d.level })),
  };
}
