import { z } from 'zod';
import { choice, LinkField, oneLine, recordId, SessionIdField } from '../fields.ts';
import { RESOURCE_KINDS } from '../work-values.ts';
import { PageQuery } from './page-query.ts';

/** A link for a task or a session (exactly one); kind and title default to what the URL tells. */
export const ResourceInput = z
  .object({
    url: LinkField,
    title: oneLine(255, 'the title').optional(),
    kind: choice(RESOURCE_KINDS).optional(),
    taskId: recordId('Choose one of your tasks.').nullable().optional(),
    sessionId: SessionIdField.nullable().optional(),
  })
  .strict()
  .refine((r) => Boolean(r.taskId) !== Boolean(r.sessionId), {
    message: 'Attach the link to a task or to a session.',
    path: ['taskId'],
  });
export type ResourceInput = z.input<typeof ResourceInput>;

export const ResourceListQuery = PageQuery.extend({
  taskId: recordId('Not a task id.').optional(),
  sessionId: SessionIdField.optional(),
  kind: z.enum(RESOURCE_KINDS).optional(),
  q: z.string().trim().max(200).optional().meta({ description: 'Search in titles and URLs.' }),
  order: z.enum(['newest', 'oldest']).default('newest'),
});
export type ResourceListQuery = z.input<typeof ResourceListQuery>;
