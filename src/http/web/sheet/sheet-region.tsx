import { addDays, millisecondsUntilNextLocalMidnight } from '../../../domain/local-date.ts';
import { nextPlannedSlot } from '../../../domain/sheet.ts';
import { isSessionOpen } from '../../../domain/timer.ts';
import type { DaySheet } from '../../../services/day-sheet.ts';
import { displaySession } from '../../session-display.ts';
import { formatDay, formatDayLong } from './format.ts';
import { NowPanel } from './now-panel.tsx';
import { ProgressLines } from './progress-lines.tsx';
import { SlotCard } from './slot-card.tsx';
import { WeekStrip } from './week-strip.tsx';

/**
 * The part of the sheet page that live updates replace: header, NOW panel, the four slots and the
 * week. Rendered whole for the page and alone for /day/:date/sheet.
 */
export function SheetRegion(props: { sheet: DaySheet; csrfToken: string }) {
  const { sheet } = props;
  const serverNow = sheet.now.getTime();
  const open = [...sheet.openElsewhere, ...sheet.sessions.filter((s) => isSessionOpen(s.state))];
  const current = open.find((s) => s.state === 'active') ?? open[0];
  const next = nextPlannedSlot(sheet.sessions);
  const isFirstRun =
    sheet.relation === 'today' &&
    sheet.sessions.every((s) => !s.isStored) &&
    sheet.week.sessionsCompleted === 0;
  return (
    <div
      id="sheet"
      data-date={sheet.date}
      data-today={sheet.today}
      data-is-today={String(sheet.relation === 'today')}
      data-fragment-url={`/day/${sheet.date}/sheet`}
      data-server-now={String(serverNow)}
      data-ms-to-midnight={String(millisecondsUntilNextLocalMidnight(sheet.now, sheet.user.timeZone))}
      data-theme={sheet.user.theme}
      class="space-y-4"
    >
      <SheetHeader sheet={sheet} />
      {current ? (
        <NowPanel
          display={displaySession(current, sheet.today, sheet.now)}
          csrfToken={props.csrfToken}
          serverNow={serverNow}
          isOtherDay={current.localDate !== sheet.date}
          work={sheet.work.get(current.id)}
          timeZone={sheet.user.timeZone}
          pickable={sheet.pickableTasks}
        />
      ) : null}
      {isFirstRun ? (
        <p class="text-stone-700 dark:text-stone-300">
          Three deep sessions for you, one for admin. Write a goal and press Start.
        </p>
      ) : null}
      <div class="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section class="space-y-3" aria-label="Sessions">
          {sheet.sessions.map((session) => (
            <SlotCard
              display={displaySession(session, sheet.today, sheet.now)}
              relation={sheet.relation}
              csrfToken={props.csrfToken}
              isPrimary={!current && session.slot === next && sheet.relation === 'today'}
              work={sheet.work.get(session.id)}
              pickableTasks={sheet.pickableTasks}
              timeZone={sheet.user.timeZone}
            />
          ))}
        </section>
        <aside class="space-y-4">
          <section aria-labelledby="day-numbers-title" class="space-y-1">
            <h2 id="day-numbers-title" class="font-semibold">
              {sheet.relation === 'today' ? 'Today so far' : formatDay(sheet.date)}
            </h2>
            <ProgressLines
              counts={sheet.progress}
              label={sheet.relation === 'today' ? 'Today' : formatDay(sheet.date)}
              testId="day-progress"
            />
          </section>
          <WeekStrip week={sheet.week} today={sheet.today} />
        </aside>
      </div>
    </div>
  );
}

function SheetHeader(props: { sheet: DaySheet }) {
  const { sheet } = props;
  const title = sheet.relation === 'today' ? `Today · ${formatDay(sheet.date)}` : formatDay(sheet.date);
  const streak = sheet.streak;
  return (
    <header class="flex flex-wrap items-center justify-between gap-2">
      <nav aria-label="Days" class="flex items-center gap-1">
        <a
          href={`/day/${addDays(sheet.date, -1)}`}
          class="icon-link"
          data-nav="prev"
          aria-label={`Previous day, ${formatDayLong(addDays(sheet.date, -1))}`}
        >
          ‹
        </a>
        <h1 class="text-lg font-semibold" data-testid="sheet-title">
          <time datetime={sheet.date}>{title}</time>
        </h1>
        <a
          href={`/day/${addDays(sheet.date, 1)}`}
          class="icon-link"
          data-nav="next"
          aria-label={`Next day, ${formatDayLong(addDays(sheet.date, 1))}`}
        >
          ›
        </a>
        {sheet.relation === 'today' ? null : (
          <a href="/" class="link ml-2 text-sm" data-nav="today">
            Back to today
          </a>
        )}
      </nav>
      {streak.length > 0 ? (
        <p class="text-sm text-stone-700 dark:text-stone-300" data-testid="streak">
          {`${streak.length}-day streak${streak.needsToday ? ' · keep it going' : ''}`}
        </p>
      ) : null}
    </header>
  );
}
