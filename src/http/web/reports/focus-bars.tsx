import { type LocalDate, startOfWeek, type WeekStart } from '../../../domain/local-date.ts';
import type { ReportDay } from '../../../domain/report.ts';
import { formatDay, formatMinutes } from '../sheet/format.ts';
import {
  ADMIN_FILL,
  AXIS_TEXT,
  axisMinutes,
  ChartFigure,
  GRID_LINE,
  LegendKey,
  minutesScale,
  PERSONAL_FILL,
} from './chart-frame.tsx';
import { formatMonth, formatShortDate, formatWeekday } from './report-format.ts';

type Bar = { label: string; longLabel: string; personal: number; admin: number };

/**
 * One bar per day for up to a month; per week (from the person's first day) up to half a year;
 * per month beyond, so a long range still reads at a glance.
 */
export function barsOf(byDay: readonly ReportDay[], weekStart: WeekStart): { unit: string; bars: Bar[] } {
  if (byDay.length <= 31) {
    return {
      unit: 'day',
      bars: byDay.map((d) => ({
        label: byDay.length <= 7 ? formatWeekday(d.date) : String(Number(d.date.slice(8))),
        longLabel: formatDay(d.date),
        personal: d.personalMinutes,
        admin: d.adminMinutes,
      })),
    };
  }
  const isWeekly = byDay.length <= 186;
  const groups = new Map<LocalDate, Bar>();
  for (const d of byDay) {
    const key = isWeekly ? startOfWeek(d.date, weekStart) : `${d.date.slice(0, 7)}-01`;
    const bar = groups.get(key) ?? {
      label: isWeekly ? formatShortDate(key) : formatMonth(key, 'short'),
      longLabel: isWeekly ? `Week of ${formatDay(key)}` : formatMonth(key, 'long'),
      personal: 0,
      admin: 0,
    };
    bar.personal += d.personalMinutes;
    bar.admin += d.adminMinutes;
    groups.set(key, bar);
  }
  return { unit: isWeekly ? 'week' : 'month', bars: [...groups.values()] };
}

const W = 360;
const H = 180;
const LEFT = 44;
const TOP = 8;
const BOTTOM = 22;

/** Focus minutes per day (or week, or month) as stacked bars: personal in teal, admin in stone. */
export function FocusBarsChart(props: { byDay: readonly ReportDay[]; weekStart: WeekStart }) {
  const { unit, bars } = barsOf(props.byDay, props.weekStart);
  const max = Math.max(0, ...bars.map((b) => b.personal + b.admin));
  const { top, step } = minutesScale(max);
  const plotW = W - LEFT - 4;
  const plotH = H - TOP - BOTTOM;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(1, slot * 0.7);
  const y = (minutes: number) => TOP + plotH - (minutes / top) * plotH;
  const labelEvery = Math.ceil(bars.length / 8);
  const total = bars.reduce((sum, b) => sum + b.personal + b.admin, 0);
  return (
    <ChartFigure
      id="chart-focus"
      title={`Focus per ${unit}`}
      description={`${formatMinutes(total)} of focus over ${bars.length} ${unit}s; the busiest had ${formatMinutes(max)}.`}
      width={W}
      height={H}
      legend={
        <>
          <LegendKey fill={PERSONAL_FILL} label="Personal" />
          <LegendKey fill={ADMIN_FILL} label="Admin" />
        </>
      }
      table={{
        caption: `Focus per ${unit}`,
        headers: [unit[0]!.toUpperCase() + unit.slice(1), 'Personal', 'Admin'],
        rows: bars.map((b) => [b.longLabel, formatMinutes(b.personal), formatMinutes(b.admin)]),
      }}
    >
      {Array.from({ length: top / step + 1 }, (_, i) => i * step).map((m) => (
        <g>
          <line x1={LEFT} x2={W - 4} y1={y(m)} y2={y(m)} class={GRID_LINE} stroke-width="1" />
          <text x={LEFT - 4} y={y(m) + 3} text-anchor="end" font-size="11" class={AXIS_TEXT}>
            {axisMinutes(m)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const x = LEFT + i * slot + (slot - barW) / 2;
        return (
          <g>
            {b.personal > 0 ? (
              <rect
                x={x}
                y={y(b.personal)}
                width={barW}
                height={y(0) - y(b.personal)}
                class={PERSONAL_FILL}
              />
            ) : null}
            {b.admin > 0 ? (
              <rect
                x={x}
                y={y(b.personal + b.admin)}
                width={barW}
                height={y(b.personal) - y(b.personal + b.admin)}
                class={ADMIN_FILL}
              />
            ) : null}
            {i % labelEvery === 0 ? (
              <text x={x + barW / 2} y={H - 6} text-anchor="middle" font-size="11" class={AXIS_TEXT}>
                {b.label}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFigure>
  );
}
