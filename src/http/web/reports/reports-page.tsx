import type { Child } from 'hono/jsx';
import { compareLocalDates, type LocalDate, type WeekStart } from '../../../domain/local-date.ts';
import type { Report } from '../../../domain/report.ts';
import { type ReportPeriod, type ReportRange, shiftRange } from '../../../domain/report-periods.ts';
import type { YearHeatmap } from '../../../domain/year-heatmap.ts';
import { Layout, type PageContext, TextField } from '../layout.tsx';
import { FocusBarsChart } from './focus-bars.tsx';
import { HourChart } from './hour-chart.tsx';
import { formatFullDate, formatRange } from './report-format.ts';
import { ReportBreakdown, ReportNumbers } from './report-summary.tsx';
import { SwitchChart } from './switch-chart.tsx';
import { YearHeatmapChart } from './year-heatmap-chart.tsx';

export type ReportsView = {
  period: ReportPeriod;
  report: Report;
  heatmap: YearHeatmap;
  weekStart: WeekStart;
  /** What the custom range form was sent with, and what was wrong with it. */
  form?: { from: string; to: string; errors: Record<string, string> };
  /** The insight cards, when there are any to show. */
  insights?: Child;
};

const PERIOD_NAMES: Record<ReportPeriod, string> = { week: 'week', month: 'month', custom: 'range' };

function periodHref(basePath: string, period: ReportPeriod, range: { from: string; to: string }): string {
  return period === 'custom'
    ? `${basePath}?from=${range.from}&to=${range.to}`
    : `${basePath}?period=${period}&date=${range.from}`;
}

/** A titled card of a report page. */
export function Section(props: { id: string; title: string; children: Child; class?: string }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`} class={`card ${props.class ?? ''}`}>
      <h2 id={`${props.id}-heading`} class="card-title">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** Week, month or custom range, and the neighbouring period on either side, for the report at `basePath`. */
export function PeriodNav(props: {
  period: ReportPeriod;
  range: ReportRange;
  today: LocalDate;
  basePath: string;
}) {
  const { period, range, today, basePath } = props;
  const tab = (p: ReportPeriod, label: string, href: string) => (
    <a href={href} class="chip" aria-current={p === period ? 'page' : undefined}>
      {label}
    </a>
  );
  const name = PERIOD_NAMES[period];
  return (
    <>
      <nav aria-label="Report period" class="mb-3 flex flex-wrap gap-2">
        {tab('week', 'Week', `${basePath}?period=week&date=${period === 'week' ? range.from : today}`)}
        {tab('month', 'Month', `${basePath}?period=month&date=${period === 'month' ? range.from : today}`)}
        {tab('custom', 'Custom range', periodHref(basePath, 'custom', range))}
      </nav>
      <div class="mb-4 flex items-center gap-1">
        <a
          class="icon-link"
          data-nav="prev"
          href={periodHref(basePath, period, shiftRange(range, period, -1))}
          aria-label={`Previous ${name}`}
        >
          ‹
        </a>
        <p class="text-lg font-semibold" data-testid="report-range">
          {formatRange(range.from, range.to)}
        </p>
        <a
          class="icon-link"
          data-nav="next"
          href={periodHref(basePath, period, shiftRange(range, period, 1))}
          aria-label={`Next ${name}`}
        >
          ›
        </a>
      </div>
    </>
  );
}

/** The custom range form of the report at `action`, with what it was sent and its errors. */
export function RangeForm(props: {
  form?: ReportsView['form'] | undefined;
  range: ReportRange;
  action: string;
}) {
  const { form, range } = props;
  const errors = form?.errors ?? {};
  return (
    <form method="get" action={props.action} class="mb-4" aria-label="Custom range">
      {errors.period || errors.date ? (
        <p role="alert" class="alert-error">
          {errors.period ?? errors.date}
        </p>
      ) : null}
      <div class="flex flex-wrap items-end gap-3">
        <TextField
          label="From"
          name="from"
          type="date"
          value={form?.from ?? range.from}
          error={errors.from}
        />
        <TextField label="To" name="to" type="date" value={form?.to ?? range.to} error={errors.to} />
        <button type="submit" class="btn-secondary">
          Show range
        </button>
      </div>
    </form>
  );
}

function TakeItWithYou(props: { report: Report }) {
  const q = `from=${props.report.range.from}&to=${props.report.range.to}`;
  const links = [
    [`/exports/report.pdf?${q}`, 'This report as PDF'],
    [`/exports/report.csv?${q}`, 'This report as CSV'],
    [`/exports/sessions.csv?${q}`, 'Sessions as CSV'],
    [`/exports/sessions.json?${q}`, 'Sessions as JSON'],
  ] as const;
  return (
    <ul class="flex flex-wrap gap-x-4">
      {links.map(([href, label]) => (
        <li>
          <a href={href} class="link">
            {label}
          </a>
        </li>
      ))}
    </ul>
  );
}

export type ReportFiguresView = Pick<ReportsView, 'report' | 'heatmap' | 'weekStart'>;

/**
 * The local dates whose sessions feed the figures: the range itself, the heatmap's year before it
 * (which may reach further back, or less far for a long custom range), and the days up to today,
 * which the current streak counts. A change to a session on any other day cannot move them.
 */
function followedDates(view: ReportFiguresView): { from: LocalDate; to: LocalDate } {
  const { range, today } = view.report;
  const earliest = (a: LocalDate, b: LocalDate) => (compareLocalDates(a, b) <= 0 ? a : b);
  const latest = (a: LocalDate, b: LocalDate) => (compareLocalDates(a, b) >= 0 ? a : b);
  return { from: earliest(range.from, view.heatmap.from), to: latest(range.to, today) };
}

/**
 * Everything on the page that a session's change can move: the numbers and the charts. It is also
 * the fragment an open page re-fetches and merges in when such a change arrives on its event
 * stream; `data-from`/`data-to` tell it which sessions' dates matter.
 */
export function ReportFigures(props: { view: ReportFiguresView }) {
  const { view } = props;
  const { report } = view;
  const followed = followedDates(view);
  return (
    <div
      id="report-figures"
      class="space-y-4"
      data-fragment-url={`/reports/fragment?from=${report.range.from}&to=${report.range.to}`}
      data-from={followed.from}
      data-to={followed.to}
    >
      <Section id="report-summary" title="At a glance">
        <ReportNumbers report={report} />
      </Section>
      <Section id="report-days" title="Focus over the range">
        <FocusBarsChart byDay={report.byDay} weekStart={view.weekStart} />
      </Section>
      <Section id="report-year" title={`The year to ${formatFullDate(view.heatmap.to)}`}>
        <YearHeatmapChart heatmap={view.heatmap} weekStart={view.weekStart} />
      </Section>
      <Section id="report-hours" title="When you focus">
        <HourChart byHour={report.byHour} unplacedMinutes={report.focus.unplacedMinutes} />
      </Section>
      <Section id="report-switches" title="Interruptions">
        <SwitchChart switches={report.switches} />
      </Section>
      <Section id="report-breakdown" title="Where the focus went">
        <ReportBreakdown report={report} />
      </Section>
    </div>
  );
}

/** Reports: a week, month or custom range in numbers and four charts, insights on top. */
export function ReportsPage(props: { page: PageContext; view: ReportsView }) {
  const { view } = props;
  const { report } = view;
  return (
    <Layout page={props.page} title="Reports">
      <h1 class="mb-3 text-xl font-semibold">Reports</h1>
      <PeriodNav period={view.period} range={report.range} today={report.today} basePath="/reports" />
      <RangeForm form={view.form} range={report.range} action="/reports" />
      <div class="space-y-4">
        <Section id="insights" title="Insights">
          {view.insights ?? <p class="text-stone-600 dark:text-stone-400">No insights yet.</p>}
        </Section>
        <ReportFigures view={view} />
        <Section id="report-exports" title="Take it with you">
          <TakeItWithYou report={report} />
        </Section>
      </div>
    </Layout>
  );
}
