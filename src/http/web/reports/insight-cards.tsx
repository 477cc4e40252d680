import type { Evidence, InsightSeverity } from '../../../domain/insights/index.ts';
import { formatClock, formatMinutes } from '../../../domain/insights/words.ts';
import { CsrfField } from '../layout.tsx';

/** What a card needs of an insight; a StoredInsight (services/insights.ts) fits. */
export type InsightCardData = {
  id: string;
  rule: string;
  severity: InsightSeverity;
  title: string;
  message: string;
  recommendation: string;
  evidence: readonly Evidence[];
};

export const INSIGHT_CARDS_ID = 'insight-cards';

/** One number as the card shows it: "2 h 15 min", "40%", "2.3 an hour", "16:30". */
export function formatEvidence(e: Pick<Evidence, 'value' | 'unit'>): string {
  switch (e.unit) {
    case 'minutes':
      return formatMinutes(e.value);
    case 'percent':
      return `${e.value}%`;
    case 'per-hour':
      return `${e.value} an hour`;
    case 'hour-of-day':
      return formatClock(e.value * 60);
    case 'time-of-day':
      return formatClock(e.value);
    case 'days':
      return e.value === 1 ? '1 day' : `${e.value} days`;
    default:
      return String(e.value);
  }
}

// Quiet marks, no alarms: a muted amber edge for what deserves a look, the accent for a notice.
const EDGES: Record<InsightSeverity, string> = {
  warning: 'border-l-amber-500 dark:border-l-amber-400',
  notice: 'border-l-teal-600 dark:border-l-teal-400',
  info: 'border-l-stone-300 dark:border-l-stone-600',
};

/**
 * The person's current insights as short cards: title, message, the numbers behind it, one
 * suggestion and a Dismiss button. The button is a real form (POST, then back to /reports)
 * that htmx enhances to swap these cards in place. The same markup is the fragment that live
 * updates fetch, so it carries its own id.
 */
export function InsightCards(props: {
  insights: readonly InsightCardData[];
  csrfToken?: string | undefined;
}) {
  return (
    <div id={INSIGHT_CARDS_ID} aria-live="polite">
      {props.insights.length === 0 ? (
        <p class="text-stone-600 dark:text-stone-400">
          Nothing to point out for now. Insights appear as your weeks fill in.
        </p>
      ) : (
        <ul class="space-y-3">
          {props.insights.map((insight) => (
            <InsightCard insight={insight} csrfToken={props.csrfToken} />
          ))}
        </ul>
      )}
    </div>
  );
}

function InsightCard(props: { insight: InsightCardData; csrfToken?: string | undefined }) {
  const { insight } = props;
  const url = `/insights/${insight.id}/dismiss`;
  const headingId = `insight-${insight.id}`;
  return (
    <li
      class={`rounded-lg border border-l-4 border-stone-200 p-3 dark:border-stone-800 ${EDGES[insight.severity]}`}
      data-rule={insight.rule}
      data-severity={insight.severity}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} class="font-medium">
        {insight.title}
      </h3>
      <p class="mt-1">{insight.message}</p>
      {insight.evidence.length > 0 && (
        <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-stone-700 dark:text-stone-300">
          {insight.evidence.map((e) => (
            <>
              <dt>{e.label}</dt>
              <dd class="tabular-nums">{formatEvidence(e)}</dd>
            </>
          ))}
        </dl>
      )}
      <p class="mt-2 text-sm">{insight.recommendation}</p>
      <form method="post" action={url} hx-post={url} hx-target={`#${INSIGHT_CARDS_ID}`} hx-swap="outerHTML">
        {props.csrfToken && <CsrfField token={props.csrfToken} />}
        <button type="submit" class="btn-quiet" aria-label={`Dismiss: ${insight.title}`}>
          Dismiss
        </button>
      </form>
    </li>
  );
}
