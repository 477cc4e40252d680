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

/** An action that takes minutes ("Log it", "Keep going", correcting logged minutes). */
export function MinutesAction(props: {
  sessionId: string;
  action: 'log' | 'editMinutes';
  value: number;
  label: string;
  button: string;
}) {
  const id = `${props.action}-${props.sessionId}`;
  return (
    <span class="flex items-end gap-2">
      <span class="flex flex-col">
        <label for={id} class="text-xs text-stone-600 dark:text-stone-400">
          {props.label}
        </label>
        <input
          id={id}
          name="minutes"
          type="number"
          inputmode="numeric"
          min={1}
          max={300}
          value={String(props.value)}
          class="field-input w-24"
        />
      </span>
      <ActionButton sessionId={props.sessionId} action={props.action}>
        {props.button}
      </ActionButton>
    </span>
  );
}
