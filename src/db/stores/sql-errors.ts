// What PostgreSQL (and PGlite) say when a write breaks a constraint, read once for every store:
// node-postgres puts the code on the error, drizzle wraps it in `cause`.

type SqlError = { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };

/** A unique violation (23505), of `constraint` when one is named. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as SqlError | undefined;
  if ((e?.code ?? e?.cause?.code) !== '23505') return false;
  return constraint === undefined || (e?.constraint ?? e?.cause?.constraint) === constraint;
}
