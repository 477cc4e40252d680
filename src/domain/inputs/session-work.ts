import { z } from 'zod';
import { choice, multiLine } from '../fields.ts';
import { SESSION_OUTCOMES, SESSION_TASK_ROLES } from '../work-values.ts';

/** How a task serves a session: main (one per session) or supporting. */
export const SessionTaskLinkInput = z
  .object({ role: z.enum(SESSION_TASK_ROLES, { message: 'Choose main or supporting.' }) })
  .strict();
export type SessionTaskLinkInput = z.input<typeof SessionTaskLinkInput>;

/** What came out of a completed session (null clears it); a note left out keeps the saved one. */
export const SessionOutcomeInput = z
  .object({
    outcome: choice(SESSION_OUTCOMES).nullable(),
    note: multiLine(2000, 'the note', { isTrimmed: true }).optional(),
  })
  .strict();
export type SessionOutcomeInput = z.input<typeof SessionOutcomeInput>;
