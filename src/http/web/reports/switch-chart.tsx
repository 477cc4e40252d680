import type { Report } from '../../../domain/report.ts';
import { REASON_LABELS } from '../tasks/task-labels.ts';
import { AXIS_TEXT, ChartFigure } from './chart-frame.tsx';

const W = 360;
const ROW = 24;
const LEFT = 80;
const RIGHT = 32;

/** Interruptions by reason, one horizontal bar per reason, every reason shown. */
export function SwitchChart(props: { switches: Report['switches'] }) {
  const { byReason, total } = props.switches;
  const max = Math.max(1, ...byReason.map((r) => r.count));
  const H = byReason.length * ROW + 4;
  const barMax = W - LEFT - RIGHT;
  const common = [...byReason].sort((a, b) => b.count - a.count)[0];
  return (
    <ChartFigure
      id="chart-switches"
      title="Interruptions by reason"
      description={
        total === 0 || !common
          ? 'No interruptions recorded in this range.'
          : `${total} interruptions; the most common reason was ${REASON_LABELS[common.reason].toLowerCase()} (${common.count}).`
      }
      width={W}
      height={H}
      table={{
        caption: 'Interruptions by reason',
        headers: ['Reason', 'Interruptions'],
        rows: byReason.map((r) => [REASON_LABELS[r.reason], r.count]),
      }}
    >
      {byReason.map((r, i) => {
        const y = 2 + i * ROW;
        const width = (r.count / max) * barMax;
        return (
          <g>
            <text x={LEFT - 6} y={y + ROW / 2 + 4} text-anchor="end" font-size="11" class={AXIS_TEXT}>
              {REASON_LABELS[r.reason]}
            </text>
            <rect
              x={LEFT}
              y={y + 5}
              width={barMax}
              height={ROW - 10}
              rx="2"
              class="fill-stone-100 dark:fill-stone-900"
            />
            {r.count > 0 ? (
              <rect
                x={LEFT}
                y={y + 5}
                width={width}
                height={ROW - 10}
                rx="2"
                class="fill-stone-500 dark:fill-stone-400"
              />
            ) : null}
            <text x={W - RIGHT + 6} y={y + ROW / 2 + 4} font-size="11" class={AXIS_TEXT}>
              {String(r.count)}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
