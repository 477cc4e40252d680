import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../db/client.ts';
import { focusSessions, tasks } from '../db/schema/index.ts';
import { hasSearchableWords } from '../db/stores/text-search.ts';
import { taskAccess } from '../db/stores/work-access.ts';
import type { LocalDate } from '../domain/local-date.ts';
import { isSlotNumber, labelOfSlot } from '../domain/sheet.ts';
import { parseOrThrow } from './create-user.ts';
import type { Actor, ServiceDeps } from './deps.ts';

export type SearchKind = 'task' | 'session';
export type SnippetSegment = { text: string; isMatch: boolean };
export type SearchHit = {
  kind: SearchKind;
  id: string;
  title: string;
  date: LocalDate | null;
  rank: number;
  /** The best passages, split into plain text and matched words; no markup, the page escapes it. */
  snippet: SnippetSegment[];
};

export const SearchQuery = z.object({
  q: z.string({ message: 'Enter words to search for.' }).trim().min(1, 'Enter words to search for.').max(200),
  limit: z.number().int().min(1).max(50).default(20),
  kinds: z
    .array(z.enum(['task', 'session']))
    .min(1, 'Choose tasks, sessions or both.')
    .default(['task', 'session']),
});
export type SearchQuery = z.input<typeof SearchQuery>;

// Control characters no stored text holds (they are stripped from it first), so a match is marked
// without ever producing HTML in SQL. ts_headline drops whatever looks like an HTML tag, so '<' is
// handed to it as LESS_THAN and restored afterwards: "Fix <Button> focus" keeps its words.
const START = '\u0002';
const STOP = '\u0003';
const LESS_THAN = '\u0001';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;

type HitRow = {
  kind: SearchKind;
  id: string;
  title: string;
  date: string | null;
  slot: number | null;
  rank: number;
  headline: string;
};

/**
 * Full-text search over the actor's tasks (title and description) and sessions (goal, notes and
 * outcome note), best match first, with snippets of the matching passages. Uses PostgreSQL's
 * websearch syntax ("quoted phrases", or, -excluded) with English stemming, on PGlite and
 * PostgreSQL alike. A query of only stop words finds nothing. Throws 'validation' for a blank query.
 */
export async function searchEverything(
  deps: ServiceDeps,
  actor: Actor,
  query: SearchQuery,
): Promise<{ items: SearchHit[] }> {
  const q = parseOrThrow(SearchQuery, query);
  if (!(await hasSearchableWords(deps.db, q.q))) return { items: [] };
  const parts: SQL[] = [];
  if (q.kinds.includes('task')) parts.push(taskHits(actor.id));
  if (q.kinds.includes('session')) parts.push(sessionHits(actor.id));
  const rows = await queryRows<HitRow>(
    deps.db,
    sql`with q as (select websearch_to_tsquery('english', ${q.q}) as query),
      hits as (${sql.join(parts, sql` union all `)} order by rank desc, date desc nulls last, id limit ${q.limit})
    select kind, id, title, date, slot, rank,
      ts_headline('english', translate(body, '<' || chr(1) || chr(2) || chr(3), chr(1)), (select query from q),
        ${HEADLINE_OPTIONS}) as headline
    from hits order by rank desc, date desc nulls last, id`,
  );
  return { items: rows.map(toHit) };
}

function taskHits(userId: string): SQL {
  const document = sql`${tasks.title} || ' ' || ${tasks.description}`;
  return sql`(select 'task' as kind, ${tasks.id}::text as id, ${tasks.title} as title, null::text as date,
      null::int as slot, ${document} as body, ts_rank(to_tsvector('english', ${document}), q.query) as rank
    from ${tasks}, q
    where ${taskAccess(userId, 'read')} and to_tsvector('english', ${document}) @@ q.query)`;
}

function sessionHits(userId: string): SQL {
  const document = sql`${focusSessions.goal} || ' ' || ${focusSessions.notes} || ' ' || ${focusSessions.outcomeNote}`;
  return sql`(select 'session' as kind, ${focusSessions.id}::text as id, ${focusSessions.goal} as title,
      ${focusSessions.localDate}::text as date, ${focusSessions.slot}::int as slot, ${document} as body,
      ts_rank(to_tsvector('english', ${document}), q.query) as rank
    from ${focusSessions}, q
    where ${focusSessions.userId} = ${userId} and to_tsvector('english', ${document}) @@ q.query)`;
}

function toHit(row: HitRow): SearchHit {
  const slot = Number(row.slot);
  const title =
    row.kind === 'session' && row.title === '' && isSlotNumber(slot)
      ? `${labelOfSlot(slot)} on ${row.date}`
      : row.title;
  return {
    kind: row.kind,
    id: row.id,
    title,
    date: row.date,
    rank: Number(row.rank),
    snippet: splitHeadline(row.headline),
  };
}

/**
 * Splits ts_headline's output at the markers into plain and matched segments (dropping empty ones)
 * and restores the '<' it was given in disguise.
 */
export function splitHeadline(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let isMatch = false;
  let text = '';
  const flush = () => {
    const last = segments.at(-1);
    if (text === '') return;
    if (last && last.isMatch === isMatch) last.text += text;
    else segments.push({ text, isMatch });
    text = '';
  };
  for (const char of headline) {
    if (char === START || char === STOP) {
      flush();
      isMatch = char === START;
    } else {
      text += char === LESS_THAN ? '<' : char;
    }
  }
  flush();
  return segments;
}
