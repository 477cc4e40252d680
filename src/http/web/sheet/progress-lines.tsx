import { type AllCounts, countsOf, type SlotCounts } from '../../../domain/summary.ts';

/** "2 of 4 done · 50% · 1 in progress · 2 open · 0 skipped": the words the API's fields are named by. */
export function formatCounts(c: SlotCounts): string {
  return `${c.completed} of ${c.total} done · ${c.percent}% · ${c.inProgress} in progress · ${c.open} open · ${c.skipped} skipped`;
}

/**
 * The same numbers as a sentence for screen readers, which read "·" as nothing or as "dot" and
 * need to hear what is counted: "2 of 4 sessions done, 50 percent; 1 in progress; 2 still open,
 * counting those in progress; 0 skipped."
 */
export function speakCounts(c: SlotCounts, what: string): string {
  const started = c.inProgress > 0 ? ', counting those in progress' : '';
  return `${c.completed} of ${c.total} ${what} done, ${c.percent} percent; ${c.inProgress} in progress; ${c.open} still open${started}; ${c.skipped} skipped.`;
}

/** Lets a long line wrap only between its parts, never inside "0 skipped" (no-break spaces within). */
export function keepPartsTogether(line: string): string {
  return line
    .split(' · ')
    .map((part) => part.replaceAll(' ', '\u00a0'))
    .join(' · ');
}

function Line(props: {
  prefix?: string;
  counts: SlotCounts;
  spoken: string;
  class?: string;
  testId: string;
}) {
  const visible = `${props.prefix ? `${props.prefix} ` : ''}${formatCounts(props.counts)}`;
  return (
    <p class={props.class} data-testid={props.testId}>
      <span aria-hidden="true">{keepPartsTogether(visible)}</span>
      <span class="sr-only">{props.spoken}</span>
    </p>
  );
}

/**
 * The quiet summary of a day or a week: all slots first, then personal and admin told apart, in
 * plain numbers (no bars, badges or colours; DESIGN.md). `label` names the period for screen
 * readers ("Today", "Mon 6 Apr", "This week").
 */
export function ProgressLines(props: { counts: AllCounts; label: string; testId: string }) {
  const all = countsOf(props.counts, 'sessions');
  const personal = countsOf(props.counts, 'personal');
  const admin = countsOf(props.counts, 'admin');
  return (
    <div class="space-y-0.5 text-sm" data-testid={props.testId}>
      <Line
        counts={all}
        testId={`${props.testId}-all`}
        spoken={`${props.label}: ${speakCounts(all, 'sessions')}`}
      />
      <Line
        prefix="Personal"
        counts={personal}
        testId={`${props.testId}-personal`}
        class="text-stone-600 dark:text-stone-400"
        spoken={`Personal: ${speakCounts(personal, 'personal sessions')}`}
      />
      <Line
        prefix="Admin"
        counts={admin}
        testId={`${props.testId}-admin`}
        class="text-stone-600 dark:text-stone-400"
        spoken={`Admin: ${speakCounts(admin, admin.total === 1 ? 'admin session' : 'admin sessions')}`}
      />
    </div>
  );
}
