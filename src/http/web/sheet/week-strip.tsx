import type { WeekSummary } from '../../../domain/summary.ts';
import { formatDay, formatMinutes, formatWeekdayLetter } from './format.ts';

const LEVEL_CLASSES = ['bar-0', 'bar-1', 'bar-2', 'bar-3', 'bar-4'] as const;

/** The week at a glance: one bar per day, and the few numbers that matter. */
export function WeekStrip(props: { week: WeekSummary; today: string }) {
  const { week } = props;
  return (
    <section aria-labelledby="week-title" class="card">
      <div class="flex items-baseline justify-between">
        <h2 id="week-title" class="font-semibold">
          This week
        </h2>
        <a href={`/week/${week.start}`} class="link text-sm">
          Week view
        </a>
      </div>
      <ol class="week-strip" aria-label="Focus per day">
        {week.days.map((day) => {
          const level = Math.min(4, day.personalCompleted + day.adminCompleted);
          const future = day.date > props.today;
          return (
            <li class="week-day">
              <span class={`bar ${future ? 'bar-future' : LEVEL_CLASSES[level]}`} aria-hidden="true" />
              <span aria-hidden="true" class="text-xs text-stone-600 dark:text-stone-400">
                {formatWeekdayLetter(day.date)}
              </span>
              <span class="sr-only">{`${formatDay(day.date)}: ${formatMinutes(day.focusMinutes)} of focus`}</span>
            </li>
          );
        })}
      </ol>
      <p class="text-sm" data-testid="week-summary">
        {`${week.personalCompleted} of ${week.personalTotal} personal · ${week.personalPercent}% · ${formatMinutes(week.focusMinutes)} focused · ${week.focusedDays} focused ${week.focusedDays === 1 ? 'day' : 'days'} · ${week.fullDays} full ${week.fullDays === 1 ? 'day' : 'days'}`}
      </p>
    </section>
  );
}
