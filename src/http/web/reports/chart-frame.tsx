import type { Child } from 'hono/jsx';

/** Text on charts: small, muted, readable in both themes. */
export const AXIS_TEXT = 'fill-stone-600 dark:fill-stone-400';
export const GRID_LINE = 'stroke-stone-200 dark:stroke-stone-800';
export const PERSONAL_FILL = 'fill-teal-600 dark:fill-teal-400';
export const ADMIN_FILL = 'fill-stone-400 dark:fill-stone-500';

/**
 * Charts are drawn in small coordinates (360 wide, 11-unit text) and shown at most this much
 * larger, so text reads about 14 px on a laptop and stays near 10 px when a phone shrinks it.
 */
const DESKTOP_SCALE = 1.3;

export type ChartTable = { caption: string; headers: string[]; rows: (string | number)[][] };

/**
 * A chart: an inline SVG that scales to its container (viewBox) with a title and description, and
 * the same numbers as a table for screen readers. No inline style: colours are classes, sizes are
 * presentation attributes, as the Content-Security-Policy requires.
 */
export function ChartFigure(props: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  table: ChartTable;
  children: Child;
  legend?: Child;
}) {
  const { id } = props;
  return (
    <figure class="mt-3">
      <svg
        role="img"
        viewBox={`0 0 ${props.width} ${props.height}`}
        width={Math.round(props.width * DESKTOP_SCALE)}
        class="h-auto max-w-full"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-chart={id}
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        {props.children}
      </svg>
      {props.legend ? (
        <figcaption class="mt-2 text-sm text-stone-600 dark:text-stone-400">{props.legend}</figcaption>
      ) : null}
      {/* A table is never narrower than its cells, even visually hidden, so the wrapper is what hides
          it: a hidden table as wide as its numbers would widen the page sideways on a phone. */}
      <div class="sr-only">
        <table>
          <caption>{props.table.caption}</caption>
          <thead>
            <tr>
              {props.table.headers.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.table.rows.map((row) => (
              <tr>
                {row.map((cell, i) =>
                  i === 0 ? <th scope="row">{String(cell)}</th> : <td>{String(cell)}</td>,
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A small coloured square and its name, for legends. */
export function LegendKey(props: { fill: string; label: string }) {
  return (
    <span class="mr-4 inline-flex items-center gap-1">
      <svg viewBox="0 0 10 10" class="size-3" aria-hidden="true">
        <rect width="10" height="10" rx="2" class={props.fill} />
      </svg>
      {props.label}
    </span>
  );
}

const STEPS = [15, 30, 60, 120, 180, 240, 360, 480, 600, 900, 1200, 1800, 2400, 3600, 6000, 12000];

/** A round top for a minutes axis and its step: at most four gridlines above zero. */
export function minutesScale(max: number): { top: number; step: number } {
  const step = STEPS.find((s) => max / s <= 4) ?? Math.ceil(max / 4);
  return { step, top: Math.max(step, Math.ceil(max / step) * step) };
}

/** "0", "45 min", "2 h", "1.5 h": short enough for an axis. */
export function axisMinutes(minutes: number): string {
  if (minutes === 0) return '0';
  return minutes < 60 ? `${minutes} min` : `${Number((minutes / 60).toFixed(2))} h`;
}
