import type { ReportHour } from '../../../domain/report.ts';
import { formatMinutes } from '../sheet/format.ts';
import {
  AXIS_TEXT,
  axisMinutes,
  ChartFigure,
  GRID_LINE,
  minutesScale,
  PERSONAL_FILL,
} from './chart-frame.tsx';

const W = 360;
const H = 160;
const LEFT = 44;
const TOP = 8;
const BOTTOM = 22;

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** Focus minutes per local hour of the day, 00 to 23. */
export function HourChart(props: { byHour: readonly ReportHour[]; unplacedMinutes: number }) {
  const { byHour } = props;
  const max = Math.max(0, ...byHour.map((h) => h.focusMinutes));
  const { top, step } = minutesScale(max);
  const plotH = H - TOP - BOTTOM;
  const slot = (W - LEFT - 4) / 24;
  const y = (minutes: number) => TOP + plotH - (minutes / top) * plotH;
  const busiest = byHour.reduce((best, h) => (h.focusMinutes > best.focusMinutes ? h : best), byHour[0]!);
  const withFocus = byHour.filter((h) => h.focusMinutes > 0);
  return (
    <ChartFigure
      id="chart-hours"
      title="Focus by hour of day"
      description={
        max === 0
          ? 'No timed focus in this range.'
          : `Most focus falls in the hour from ${hourLabel(busiest.hour)}: ${formatMinutes(busiest.focusMinutes)}.`
      }
      width={W}
      height={H}
      table={{
        caption: 'Focus by hour of day',
        headers: ['Hour', 'Focus', 'Sessions started'],
        rows:
          withFocus.length === 0
            ? [['Any hour', formatMinutes(0), 0]]
            : withFocus.map((h) => [hourLabel(h.hour), formatMinutes(h.focusMinutes), h.completed]),
      }}
      legend={
        props.unplacedMinutes > 0
          ? `${formatMinutes(props.unplacedMinutes)} logged afterwards has no time of day and is not shown.`
          : undefined
      }
    >
      {Array.from({ length: top / step + 1 }, (_, i) => i * step).map((m) => (
        <g>
          <line x1={LEFT} x2={W - 4} y1={y(m)} y2={y(m)} class={GRID_LINE} stroke-width="1" />
          <text x={LEFT - 4} y={y(m) + 3} text-anchor="end" font-size="11" class={AXIS_TEXT}>
            {axisMinutes(m)}
          </text>
        </g>
      ))}
      {byHour.map((h) => {
        const x = LEFT + h.hour * slot + slot * 0.15;
        return (
          <g>
            {h.focusMinutes > 0 ? (
              <rect
                x={x}
                y={y(h.focusMinutes)}
                width={slot * 0.7}
                height={y(0) - y(h.focusMinutes)}
                class={PERSONAL_FILL}
              />
            ) : null}
            {h.hour % 3 === 0 ? (
              <text x={x + slot * 0.35} y={H - 6} text-anchor="middle" font-size="11" class={AXIS_TEXT}>
                {String(h.hour).padStart(2, '0')}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartFigure>
  );
}
