import { z } from 'zod';
import { choice, LocalDateField, oneLine, recordId, SessionIdField } from '../fields.ts';
import { SWITCH_REASONS } from '../work-values.ts';
import { PageQuery } from './page-query.ts';

/** An interruption of a running session: why, a note, the task it pulled to, whether to pause. */
export const ContextSwitchInput = z
  .object({
    reason: choice(SWITCH_REASONS),
    note: oneLine(500, 'the note').default(''),
    toTaskId: recordId('Choose one of your tasks.').nullable().default(null),
    pause: z.boolean({ message: 'Say true or false.' }).default(false),
  })
  .strict();
export type ContextSwitchInput = z.input<typeof ContextSwitchInput>;

/** The API's body names the session too (the pages have it in the path). */
export const SessionContextSwitchInput = z
  .object({ sessionId: SessionIdField, ...ContextSwitchInput.shape })
  .strict();

export const ContextSwitchListQuery = PageQuery.extend({
  sessionId: SessionIdField.optional(),
  reason: z.enum(SWITCH_REASONS).optional(),
  from: LocalDateField.optional().meta({ description: 'A local date, inclusive.' }),
  to: LocalDateField.optional().meta({ description: 'A local date, inclusive.' }),
  order: z.enum(['newest', 'oldest']).default('newest'),
});
export type ContextSwitchListQuery = z.input<typeof ContextSwitchListQuery>;
