import { addDays, dayOfWeek, startOfMonth } from '../../../domain/local-date.ts';
import { plural } from '../../../domain/plural.ts';
import { labelOfSlot, type SlotNumber } from '../../../domain/sheet.ts';
import { countsOf } from '../../../domain/summary.ts';
import type { MonthView, WeekView } from '../../../services/week-view.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { formatDay, formatMinutes } from './format.ts';
import { formatCounts, keepPartsTogether, ProgressLines, speakCounts } from './progress-lines.tsx';

const MONTH_NAME = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The week: each day's sessions in one line each, and the week's numbers. */
export function WeekPage(props: { page: PageContext; view: WeekView }) {
  const { summary, sessions } = props.view;
  return (
    <Layout page={props.page} title={`Week of ${formatDay(summary.start)}`}>
      <nav aria-label="Weeks" class="mb-4 flex flex-wrap items-center gap-1">
        <a
          class="icon-link"
          data-nav="prev"
          href={`/week/${addDays(summary.start, -7)}`}
          aria-label="Previous week"
        >
          ‹
        </a>
        <h1 class="text-lg font-semibold">{`Week of ${formatDay(summary.start)}`}</h1>
        <a
          class="icon-link"
          data-nav="next"
          href={`/week/${addDays(summary.start, 7)}`}
          aria-label="Next week"
        >
          ›
        </a>
        <a class="link ml-2 text-sm" href={`/month/${summary.start}`}>
          Month
        </a>
        <a class="link ml-2 text-sm" href="/" data-nav="today">
          Today
        </a>
      </nav>
      <section aria-label="The week's numbers" class="mb-4 space-y-1">
        <p data-testid="week-totals">
          {`${plural(summary.sessionsCompleted, 'session')} completed · ${formatMinutes(summary.focusMinutes)} focused · ${plural(summary.focusedDays, 'focused day')} · ${plural(summary.fullDays, 'full day')}`}
        </p>
        <ProgressLines counts={summary} label="This week" testId="week-progress" />
      </section>
      <ol class="space-y-3">
        {summary.days.map((day) => {
          const ofDay = sessions.filter((s) => s.localDate === day.date);
          return (
            <li class="card">
              <div class="flex items-baseline justify-between">
                <a href={`/day/${day.date}`} class="link font-semibold">
                  {formatDay(day.date)}
                </a>
                <span class="text-sm text-stone-600 dark:text-stone-400">
                  {keepPartsTogether(
                    `Personal ${day.personalCompleted} of ${day.personalTotal} · Admin ${day.adminCompleted} of ${day.adminTotal} · ${formatMinutes(day.focusMinutes)}`,
                  )}
                </span>
              </div>
              <p class="mt-1 text-sm" data-testid={`day-progress-${day.date}`}>
                <span aria-hidden="true">{keepPartsTogether(formatCounts(countsOf(day, 'sessions')))}</span>
                <span class="sr-only">{speakCounts(countsOf(day, 'sessions'), 'sessions')}</span>
              </p>
              {ofDay.length > 0 ? (
                <ul class="mt-2 space-y-1 text-sm">
                  {ofDay
                    .filter((s) => s.state !== 'planned' || s.goal)
                    .map((s) => (
                      <li>{`${labelOfSlot(s.slot as SlotNumber)} · ${s.state}${s.state === 'completed' ? ` · ${formatMinutes((s.focusSeconds ?? 0) / 60)}` : ''}${s.goal ? ` · ${s.goal}` : ''}`}</li>
                    ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}

/** A month as a calendar heat-map of focus minutes. */
export function MonthPage(props: { page: PageContext; view: MonthView }) {
  const { heatmap } = props.view;
  const first = `${heatmap.month}-01`;
  const title = MONTH_NAME.format(new Date(`${first}T12:00:00Z`));
  const weekStartDay = { monday: 1, sunday: 0, saturday: 6 }[props.view.user.weekStart];
  const leading = (dayOfWeek(first) - weekStartDay + 7) % 7;
  const total = heatmap.days.reduce((sum, d) => sum + d.focusMinutes, 0);
  return (
    <Layout page={props.page} title={title}>
      <nav aria-label="Months" class="mb-4 flex items-center gap-1">
        <a
          class="icon-link"
          data-nav="prev"
          href={`/month/${startOfMonth(addDays(first, -1))}`}
          aria-label="Previous month"
        >
          ‹
        </a>
        <h1 class="text-lg font-semibold">{title}</h1>
        <a
          class="icon-link"
          data-nav="next"
          href={`/month/${addDays(first, 31).slice(0, 8)}01`}
          aria-label="Next month"
        >
          ›
        </a>
      </nav>
      <p class="mb-4" data-testid="month-total">{`${formatMinutes(total)} focused this month`}</p>
      <ol class="grid max-w-md grid-cols-7 gap-1" aria-label={`Focus per day in ${title}`}>
        {Array.from({ length: leading }, () => (
          <li aria-hidden="true" />
        ))}
        {heatmap.days.map((day) => (
          <li>
            <a
              href={`/day/${day.date}`}
              class={`heat heat-${day.level}`}
              aria-label={`${formatDay(day.date)}: ${formatMinutes(day.focusMinutes)}`}
              data-minutes={String(day.focusMinutes)}
            >
              {String(Number(day.date.slice(8)))}
            </a>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
