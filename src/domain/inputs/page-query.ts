import { z } from 'zod';

// The schemas in this folder are the one definition of each use case's input, composed from the
// field concepts (fields.ts, work-values.ts, preferences.ts): the API route validates with it (so
// the OpenAPI document shows its real limits and choices), the page's form parser fills it, and
// the service parses with it again. Plain zod, no framework: the API names a body schema with
// zod's own `.meta({ id })`, since `.openapi()` exists only on schemas made after @hono/zod-openapi
// loaded, and these are made whenever the domain is first imported.

/** Every list takes the same paging: `limit` (1..100, default 20) and an opaque `cursor`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/**
 * Some choices of `values`, as a list or as the comma-separated text a query string carries
 * ('todo,doing'); blanks between commas are dropped.
 */
export function choiceList<const T extends readonly [string, ...string[]]>(values: T) {
  const list = z.array(z.enum(values)).max(values.length);
  const commaSeparated = z.string().transform((text) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return z
    .union([list, commaSeparated])
    .pipe(list)
    .meta({ description: `Comma-separated: ${values.join(',')}` });
}
