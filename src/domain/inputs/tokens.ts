import { z } from 'zod';
import { oneLine } from '../fields.ts';
import { TOKEN_SCOPES } from '../token-scopes.ts';
import { PageQuery } from './page-query.ts';

/** A new personal access token: a name, its scopes (read by default) and an optional lifetime. */
export const NewTokenInput = z
  .object({
    name: oneLine(100, 'the name').min(1, 'Give the token a name.'),
    scopes: z
      .array(z.enum(TOKEN_SCOPES))
      .min(1, 'Choose at least one scope.')
      .max(TOKEN_SCOPES.length)
      .default(['read'])
      .meta({ description: '`read`, `write`; default `["read"]`.' }),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type NewTokenInput = z.input<typeof NewTokenInput>;

export const TokenListQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .max(100)
    .refine((s) => !s.includes('\u0000'), 'Search text cannot contain NUL.')
    .optional()
    .meta({ description: 'Search in names.' }),
  status: z.enum(['active', 'revoked', 'expired', 'all']).default('all'),
  order: z.enum(['newest', 'oldest']).default('newest'),
});
export type TokenListQuery = z.input<typeof TokenListQuery>;
