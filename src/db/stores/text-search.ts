import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../client.ts';

/** Whether `text` holds a word full-text search can look for ("the" or "!!" hold none). */
export async function hasSearchableWords(db: Executor, text: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select numnode(websearch_to_tsquery('english', ${text}))::int as n`,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}
