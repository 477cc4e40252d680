import type { SessionWork } from '../../../services/sheet-work.ts';
import type { SessionDisplay } from '../../session-display.ts';
import { CsrfField } from '../layout.tsx';
import { ActionButton } from './action-button.tsx';
import { formatClock, formatDay } from './format.ts';
import { InterruptMenu, SwitchTimeline } from './session-work.tsx';

/**
 * The running (or paused) session, from any day, above the sheet: the clock is the hero. A
 * session left open on another day links to that day so it never silently blocks a new start.
 */
export function NowPanel(props: {
  display: SessionDisplay;
  csrfToken: string;
  serverNow: number;
  isOtherDay: boolean;
  work: SessionWork | undefined;
  timeZone: string;
  pickable: { id: string; title: string }[];
}) {
  const d = props.display;
  const s = d.session;
  const state = d.isTimeUp ? "time's up" : s.state === 'active' ? 'running' : 'paused';
  const clock = d.isTimeUp
    ? `Time's up · +${formatClock(d.overtimeSeconds)}`
    : formatClock(d.remainingSeconds);
  return (
    <section
      id="now"
      class={`now-panel${d.isTimeUp ? ' is-time-up' : ''}${s.state === 'paused' ? ' is-paused' : ''}`}
      data-session-id={s.id}
      data-version={String(s.version)}
      data-slot={String(s.slot)}
      aria-labelledby="now-title"
    >
      <div class="flex items-baseline justify-between gap-3">
        <h2 id="now-title" class="text-sm font-semibold tracking-wide uppercase">
          {`Now · ${d.label}`}
          {props.isOtherDay ? (
            <span class="font-normal normal-case">{` · ${formatDay(s.localDate)}`}</span>
          ) : null}
        </h2>
        <span class="slot-tag">{state}</span>
      </div>
      <p class="countdown">
        {s.state === 'paused' && !d.isTimeUp ? <span class="countdown-prefix">paused at </span> : null}
        <span
          role="timer"
          aria-label={`${d.label} timer`}
          data-countdown
          data-session-id={s.id}
          data-state={s.state}
          data-target-ms={String(d.targetMs)}
          data-elapsed-ms={String(d.elapsedMs)}
          data-server-now={String(props.serverNow)}
          data-label={d.label}
          data-goal={s.goal}
        >
          {clock}
        </span>
      </p>
      {s.goal ? <p class="mb-3 text-stone-700 dark:text-stone-300">{s.goal}</p> : null}
      <form method="post" action={`/sessions/${s.id}/save`} class="flex flex-wrap items-center gap-2">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="minutes" value="10" />
        {s.state === 'active' && !d.isTimeUp ? (
          <ActionButton sessionId={s.id} action="pause">
            Pause
          </ActionButton>
        ) : null}
        {s.state === 'paused' ? (
          <ActionButton
            sessionId={s.id}
            action="resume"
            tone={d.actions.has('resume') ? 'primary' : 'secondary'}
          >
            Resume
          </ActionButton>
        ) : null}
        <ActionButton sessionId={s.id} action="complete" tone={d.isTimeUp ? 'primary' : 'secondary'}>
          Complete
        </ActionButton>
        {d.actions.has('keepGoing') ? (
          <ActionButton sessionId={s.id} action="keepGoing">
            Keep going 10 min
          </ActionButton>
        ) : null}
        {s.state === 'paused' ? (
          <ActionButton
            sessionId={s.id}
            action="reset"
            tone="quiet"
            confirm="Reset this session to planned? Its time is cleared."
          >
            Reset
          </ActionButton>
        ) : null}
        {s.state === 'paused' && d.actions.has('skip') ? (
          <ActionButton sessionId={s.id} action="skip" tone="quiet">
            Skip
          </ActionButton>
        ) : null}
        {props.isOtherDay ? (
          <a class="link ml-auto text-sm" href={`/day/${s.localDate}`}>
            Open its day
          </a>
        ) : null}
        {s.state === 'active' ? <InterruptMenu sessionId={s.id} pickable={props.pickable} /> : null}
      </form>
      {props.work?.tasks.find((t) => t.role === 'main') ? (
        <p class="mt-2 text-sm">
          {'Working on '}
          <a class="link" href={`/tasks/${props.work.tasks.find((t) => t.role === 'main')!.id}`}>
            {props.work.tasks.find((t) => t.role === 'main')!.title}
          </a>
        </p>
      ) : null}
      <SwitchTimeline switches={props.work?.switches ?? []} timeZone={props.timeZone} />
    </section>
  );
}
