import { MAX_GOAL_LENGTH } from '../../../domain/fields.ts';
import type { DayRelation } from '../../../domain/sheet.ts';
import { isSessionOpen } from '../../../domain/timer.ts';
import type { SessionWork } from '../../../services/sheet-work.ts';
import type { SessionDisplay } from '../../session-display.ts';
import { CsrfField } from '../layout.tsx';
import { ActionButton, LogAction, MinutesAction } from './action-button.tsx';
import { formatMinutes } from './format.ts';
import { OutcomePrompt, SessionTasks, SwitchTimeline } from './session-work.tsx';

const LENGTH_CHOICES = [25, 45, 60, 90];
const STATE_TAGS = {
  planned: 'planned',
  active: 'running',
  paused: 'paused',
  completed: 'completed',
  skipped: 'skipped',
} as const;

export type SlotCardProps = {
  display: SessionDisplay;
  relation: DayRelation;
  csrfToken: string;
  /** This slot's Start is the one filled button on the screen. */
  isPrimary: boolean;
  work: SessionWork | undefined;
  pickableTasks: { id: string; title: string }[];
  timeZone: string;
};

/** One slot of the sheet. Completed and skipped slots collapse to one line. */
export function SlotCard(props: SlotCardProps) {
  const { session } = props.display;
  const titleId = `slot-${session.slot}-title`;
  return (
    <article
      class={`slot slot-${session.state}`}
      id={`slot-${session.slot}`}
      data-slot={String(session.slot)}
      data-session-id={session.id}
      data-version={String(session.version)}
      data-state={session.state}
      tabindex={-1}
      aria-labelledby={titleId}
    >
      <form
        method="post"
        action={`/sessions/${session.id}/save`}
        data-autosave-url={`/sessions/${session.id}/edit`}
        class="space-y-3"
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="goalRevision" value={String(session.goalRevision)} />
        <input type="hidden" name="notesRevision" value={String(session.notesRevision)} />
        {session.state === 'completed' || session.state === 'skipped' ? (
          <ClosedSlot {...props} titleId={titleId} />
        ) : (
          <OpenSlot {...props} titleId={titleId} />
        )}
      </form>
      <SlotWork {...props} />
    </article>
  );
}

function SlotHeader(props: { label: string; titleId: string; tag: string; extra?: string | undefined }) {
  return (
    <div class="flex items-baseline justify-between gap-3">
      <h2 id={props.titleId} class="font-semibold">
        {props.label}
      </h2>
      <span class="slot-tag">{props.extra ? `${props.tag} · ${props.extra}` : props.tag}</span>
    </div>
  );
}

function GoalField(props: SlotCardProps) {
  const { session, label } = props.display;
  return (
    <div class="flex items-center gap-2">
      <label for={`goal-${session.slot}`} class="sr-only">
        {`Goal for ${label}`}
      </label>
      <input
        id={`goal-${session.slot}`}
        name="goal"
        type="text"
        maxlength={MAX_GOAL_LENGTH}
        value={session.goal}
        placeholder="What will you focus on?"
        autocomplete="off"
        data-autosave="goal"
        class="goal-input"
      />
      <span data-saved-for="goal" class="saved-indicator" aria-live="off" />
    </div>
  );
}

function NotesField(props: SlotCardProps & { summary?: string }) {
  const { session, label } = props.display;
  return (
    <details class="notes" open={session.notes !== '' && session.state !== 'completed' ? true : undefined}>
      <summary class="notes-summary">{props.summary ?? 'Notes'}</summary>
      <label for={`notes-${session.slot}`} class="sr-only">
        {`Notes for ${label}`}
      </label>
      <textarea
        id={`notes-${session.slot}`}
        name="notes"
        rows={4}
        data-autosave="notes"
        class="field-input mt-2"
      >
        {session.notes}
      </textarea>
      <span data-saved-for="notes" class="saved-indicator" aria-live="off" />
    </details>
  );
}

function LengthField(props: SlotCardProps) {
  const { session, label } = props.display;
  const choices = LENGTH_CHOICES.includes(session.plannedMinutes)
    ? LENGTH_CHOICES
    : [...LENGTH_CHOICES, session.plannedMinutes].sort((a, b) => a - b);
  return (
    <span class="flex items-center">
      <label for={`length-${session.slot}`} class="sr-only">
        {`Length of ${label}`}
      </label>
      <select
        id={`length-${session.slot}`}
        name="plannedMinutes"
        class="length-chip"
        hx-post={`/sessions/${session.id}/save`}
        hx-trigger="change"
        hx-target="#sheet"
        hx-swap="outerHTML"
      >
        {choices.map((m) => (
          <option value={String(m)} selected={m === session.plannedMinutes}>
            {`${m} min`}
          </option>
        ))}
      </select>
    </span>
  );
}

function OpenSlot(props: SlotCardProps & { titleId: string }) {
  const { session, label, actions } = props.display;
  const isOpen = isSessionOpen(session.state);
  return (
    <>
      <SlotHeader
        label={label}
        titleId={props.titleId}
        tag={props.display.isTimeUp ? "time's up" : STATE_TAGS[session.state]}
      />
      <GoalField {...props} />
      {isOpen ? (
        <p class="text-sm text-stone-600 dark:text-stone-400">The timer for this session is above.</p>
      ) : (
        <div class="flex flex-wrap items-center justify-between gap-2">
          <div class="flex flex-wrap items-center gap-2">
            {actions.has('start') ? (
              <ActionButton
                sessionId={session.id}
                action="start"
                tone={props.isPrimary ? 'primary' : 'secondary'}
                label={`Start ${label}`}
              >
                Start
              </ActionButton>
            ) : null}
            {actions.has('log') && props.relation === 'past' ? (
              <LogAction sessionId={session.id} value={session.plannedMinutes} />
            ) : null}
            {actions.has('skip') && props.relation !== 'future' ? (
              <ActionButton sessionId={session.id} action="skip" tone="quiet">
                Skip
              </ActionButton>
            ) : null}
          </div>
          <LengthField {...props} />
        </div>
      )}
      <NotesField {...props} />
    </>
  );
}

function ClosedSlot(props: SlotCardProps & { titleId: string }) {
  const { session, label, actions, focusMinutes } = props.display;
  const isCompleted = session.state === 'completed';
  const extra = isCompleted
    ? [
        formatMinutes(focusMinutes),
        session.loggedAfterwards ? 'logged' : '',
        session.isFlagged ? 'ran long, counted the plan' : '',
      ]
        .filter(Boolean)
        .join(' · ')
    : (session.skipReason ?? undefined);
  return (
    <>
      <SlotHeader
        label={label}
        titleId={props.titleId}
        tag={isCompleted ? '✓ completed' : 'skipped'}
        extra={extra}
      />
      {session.goal ? (
        <p class="truncate text-sm text-stone-700 dark:text-stone-300">{session.goal}</p>
      ) : null}
      <details class="notes">
        <summary class="notes-summary">{isCompleted ? 'Notes and outcome' : 'Details'}</summary>
        <div class="mt-2 space-y-3">
          <GoalField {...props} />
          <NotesField {...props} summary="Notes" />
          <div class="flex flex-wrap items-end gap-2">
            {actions.has('undo') ? (
              <ActionButton
                sessionId={session.id}
                action="undo"
                tone="quiet"
                confirm="Undo the completion? The session goes back to paused."
              >
                Undo
              </ActionButton>
            ) : null}
            {actions.has('replan') ? (
              <ActionButton sessionId={session.id} action="replan" tone="quiet">
                Back to planned
              </ActionButton>
            ) : null}
            {session.loggedAfterwards && actions.has('editMinutes') ? (
              <MinutesAction
                sessionId={session.id}
                action="editMinutes"
                value={focusMinutes}
                label="Minutes"
                button="Save minutes"
              />
            ) : null}
          </div>
        </div>
      </details>
    </>
  );
}

/** Around the slot's own form: its tasks, the outcome once completed, interruptions and links. */
function SlotWork(props: SlotCardProps) {
  const { session } = props.display;
  if (session.state === 'skipped') return null;
  return (
    <div class="mt-3 space-y-2">
      <SessionTasks
        sessionId={session.id}
        work={props.work}
        pickable={props.pickableTasks}
        csrfToken={props.csrfToken}
      />
      {session.state === 'completed' ? <OutcomePrompt session={session} csrfToken={props.csrfToken} /> : null}
      <SwitchTimeline switches={props.work?.switches ?? []} timeZone={props.timeZone} />
      <SessionLinks
        sessionId={session.id}
        resources={props.work?.resources ?? []}
        csrfToken={props.csrfToken}
      />
    </div>
  );
}

function SessionLinks(props: { sessionId: string; resources: SessionWork['resources']; csrfToken: string }) {
  return (
    <details>
      <summary class="notes-summary">
        {props.resources.length > 0 ? `Links (${props.resources.length})` : 'Links'}
      </summary>
      <ul class="my-2 space-y-1 text-sm">
        {props.resources.map((r) => (
          <li>
            <a
              class="link"
              href={r.url}
              rel="noopener noreferrer nofollow"
              target="_blank"
            >{`${r.title} (${r.kind.replace('_', ' ')})`}</a>
          </li>
        ))}
      </ul>
      <form method="post" action="/resources" class="flex flex-wrap items-end gap-2">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="sessionId" value={props.sessionId} />
        <label class="sr-only" for={`link-url-${props.sessionId}`}>
          Link
        </label>
        <input
          id={`link-url-${props.sessionId}`}
          name="url"
          type="url"
          required
          class="field-input max-w-72"
          placeholder="https://"
        />
        <button type="submit" class="btn-secondary">
          Add link
        </button>
      </form>
    </details>
  );
}
