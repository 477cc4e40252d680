import type { ContextSwitchRow } from '../../../db/schema/index.ts';
import type { StoredSession } from '../../../db/stores/session-store.ts';
import type { SessionWork } from '../../../services/sheet-work.ts';
import { CsrfField } from '../layout.tsx';
import { OUTCOME_LABELS, REASON_LABELS } from '../tasks/task-labels.ts';

const swap = { 'hx-target': '#sheet', 'hx-swap': 'outerHTML' } as const;

/** The tasks a session serves, and a small form to link one. */
export function SessionTasks(props: {
  sessionId: string;
  work: SessionWork | undefined;
  pickable: { id: string; title: string }[];
  csrfToken: string;
}) {
  const linked = props.work?.tasks ?? [];
  const linkedIds = new Set(linked.map((t) => t.id));
  const choices = props.pickable.filter((t) => !linkedIds.has(t.id));
  return (
    <div class="text-sm" data-testid="session-tasks">
      {linked.length > 0 ? (
        <ul class="mb-1 flex flex-wrap gap-2">
          {linked.map((task) => (
            <li class="task-chip">
              <a class="link" href={`/tasks/${task.id}`}>
                {task.role === 'main' ? task.title : `+ ${task.title}`}
              </a>
              <form
                method="post"
                action={`/sessions/${props.sessionId}/tasks/${task.id}/unlink`}
                hx-post={`/sessions/${props.sessionId}/tasks/${task.id}/unlink`}
                {...swap}
              >
                <CsrfField token={props.csrfToken} />
                <button type="submit" class="btn-quiet" aria-label={`Unlink ${task.title}`}>
                  ×
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      {choices.length > 0 ? (
        <details>
          <summary class="notes-summary">{linked.length > 0 ? 'Link another task' : 'Link a task'}</summary>
          <form
            method="post"
            action={`/sessions/${props.sessionId}/tasks`}
            hx-post={`/sessions/${props.sessionId}/tasks`}
            {...swap}
            class="mt-2 flex flex-wrap items-end gap-2"
          >
            <CsrfField token={props.csrfToken} />
            <label class="sr-only" for={`link-${props.sessionId}`}>
              Task
            </label>
            <select id={`link-${props.sessionId}`} name="taskId" class="field-input max-w-64">
              {choices.map((t) => (
                <option value={t.id}>{t.title}</option>
              ))}
            </select>
            <label class="sr-only" for={`role-${props.sessionId}`}>
              Role
            </label>
            <select id={`role-${props.sessionId}`} name="role" class="field-input w-36">
              <option value="main">Main task</option>
              <option value="supporting">Supporting</option>
            </select>
            <button type="submit" class="btn-secondary">
              Link
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}

/** One calm question after a session ends; answering is optional and can wait. */
export function OutcomePrompt(props: { session: StoredSession; csrfToken: string }) {
  const url = `/sessions/${props.session.id}/outcome`;
  return (
    <form method="post" action={url} hx-post={url} {...swap} class="space-y-2" data-testid="outcome-form">
      <CsrfField token={props.csrfToken} />
      <p class="text-sm">{props.session.outcome ? 'What came out of it' : 'What came out of it?'}</p>
      <fieldset class="chip-group">
        <legend class="sr-only">Outcome</legend>
        {Object.entries(OUTCOME_LABELS).map(([value, label]) => (
          <button
            type="submit"
            name="outcome"
            value={value}
            class={props.session.outcome === value ? 'chip is-selected' : 'chip'}
            aria-pressed={props.session.outcome === value ? 'true' : 'false'}
          >
            {label}
          </button>
        ))}
      </fieldset>
      <label for={`outcome-note-${props.session.id}`} class="sr-only">
        A short note on the outcome
      </label>
      <input
        id={`outcome-note-${props.session.id}`}
        name="note"
        class="field-input"
        maxlength={2000}
        value={props.session.outcomeNote}
        placeholder="A short note (optional)"
      />
    </form>
  );
}

/** "Interrupted…": one tap on a reason records it; pausing stays a separate, optional tap. */
export function InterruptMenu(props: { sessionId: string; pickable: { id: string; title: string }[] }) {
  const url = `/sessions/${props.sessionId}/interrupt`;
  return (
    <details class="w-full">
      <summary class="notes-summary" data-action="interrupt">
        Interrupted…
      </summary>
      <div class="mt-2 grid gap-2 sm:grid-cols-2">
        <div class="field">
          <label for={`switch-note-${props.sessionId}`} class="field-label">
            Note (optional)
          </label>
          <input
            id={`switch-note-${props.sessionId}`}
            name="switchNote"
            maxlength={500}
            class="field-input"
          />
        </div>
        {props.pickable.length > 0 ? (
          <div class="field">
            <label for={`switch-task-${props.sessionId}`} class="field-label">
              Pulled to (optional)
            </label>
            <select id={`switch-task-${props.sessionId}`} name="toTaskId" class="field-input">
              <option value="">No task</option>
              {props.pickable.map((t) => (
                <option value={t.id}>{t.title}</option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <fieldset class="chip-group mt-2">
        <legend class="sr-only">What interrupted you?</legend>
        {Object.entries(REASON_LABELS).map(([value, label]) => (
          <button
            type="submit"
            formaction={url}
            hx-post={url}
            hx-vals={JSON.stringify({ reason: value })}
            {...swap}
            name="reason"
            value={value}
            class="chip"
          >
            {label}
          </button>
        ))}
      </fieldset>
    </details>
  );
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function timeOf(at: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
    timeFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The interruptions of a session as a short line of times and reasons. */
export function SwitchTimeline(props: { switches: ContextSwitchRow[]; timeZone: string }) {
  if (props.switches.length === 0) return null;
  return (
    <p class="text-sm text-stone-600 dark:text-stone-400" data-testid="switch-timeline">
      {`Interruptions: ${props.switches.map((s) => `${timeOf(s.occurredAt, props.timeZone)} ${REASON_LABELS[s.reason].toLowerCase()}`).join(' · ')}`}
    </p>
  );
}
