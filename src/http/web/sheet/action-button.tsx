import type { Child } from 'hono/jsx';
import type { TimerActionType } from '../../../domain/timer.ts';

/**
 * A timer action: a real form submit (works without JavaScript), enhanced by htmx to swap the
 * sheet in place. `tone` picks the look; only one primary button is on screen at a time.
 */
export function ActionButton(props: {
  sessionId: string;
  action: TimerActionType;
  tone?: 'primary' | 'secondary' | 'quiet';
  confirm?: string;
  children: Child;
  label?: string;
}) {
  const url = `/sessions/${props.sessionId}/${props.action}`;
  const tone = props.tone ?? 'secondary';
  return (
    <button
      type="submit"
      formaction={url}
      hx-post={url}
      hx-target="#sheet"
      hx-swap="outerHTML"
      hx-confirm={props.confirm}
      data-action={props.action}
      aria-label={props.label}
      class={tone === 'primary' ? 'btn-primary' : tone === 'quiet' ? 'btn-quiet' : 'btn-secondary'}
    >
      {props.children}
    </button>
  );
}

/** An action that takes minutes (correcting logged minutes). */
export function MinutesAction(props: {
  sessionId: string;
  action: 'log' | 'editMinutes';
  value: number;
  label: string;
  button: string;
}) {
  return (
    <span class="flex items-end gap-2">
      <MinutesInput id={`${props.action}-${props.sessionId}`} label={props.label} value={props.value} />
      <ActionButton sessionId={props.sessionId} action={props.action}>
        {props.button}
      </ActionButton>
    </span>
  );
}

/**
 * "Log it" on a past day: the minutes worked and, when the person knows them, the local times it
 * began and ended (optional; with both, the minutes may be left empty and the time between counts).
 */
export function LogAction(props: { sessionId: string; value: number }) {
  const id = `log-${props.sessionId}`;
  return (
    <span class="flex flex-wrap items-end gap-2">
      <MinutesInput id={id} label="Minutes worked" value={props.value} />
      <TimeInput id={`${id}-start`} name="startTime" label="From" />
      <TimeInput id={`${id}-end`} name="endTime" label="To" />
      <ActionButton sessionId={props.sessionId} action="log">
        Log it
      </ActionButton>
    </span>
  );
}

function MinutesInput(props: { id: string; label: string; value: number }) {
  return (
    <span class="flex flex-col">
      <label for={props.id} class="text-xs text-stone-600 dark:text-stone-400">
        {props.label}
      </label>
      <input
        id={props.id}
        name="minutes"
        type="number"
        inputmode="numeric"
        min={1}
        max={300}
        value={String(props.value)}
        class="field-input w-24"
      />
    </span>
  );
}

function TimeInput(props: { id: string; name: string; label: string }) {
  return (
    <span class="flex flex-col">
      <label for={props.id} class="text-xs text-stone-600 dark:text-stone-400">
        {props.label} <span class="text-stone-500 dark:text-stone-400">(optional)</span>
      </label>
      <input id={props.id} name={props.name} type="time" class="field-input w-28" />
    </span>
  );
}
