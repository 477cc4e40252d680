import { z } from 'zod';
import { SlackStatusEmoji, SlackStatusText } from '../slack-focus.ts';

/** A Slack user token as Slack issues them (`xoxp-…`); the scopes are checked by using it. */
export const SlackUserToken = z
  .string({ message: 'Paste the token as text.' })
  .trim()
  .regex(/^xoxp-[A-Za-z0-9-]{10,250}$/, 'Paste a Slack user token: it starts with xoxp-.');

/**
 * Connects Slack (with `token`) and/or changes what Deepsheet writes there. Without a token it
 * changes the settings of the connection already made.
 */
export const SlackSettingsInput = z
  .object({
    token: SlackUserToken.optional().meta({
      description:
        'A Slack user token (`xoxp-…`) with users.profile:read, users.profile:write and dnd:write. Never shown again.',
    }),
    statusText: SlackStatusText.optional().meta({
      description: 'The status during a session; `{end}` becomes its planned end ("10:45").',
      example: 'In deep work until {end}',
    }),
    statusEmoji: SlackStatusEmoji.optional().meta({ example: ':headphones:' }),
    setDnd: z.boolean().optional().meta({ description: 'Turn on Do Not Disturb until the planned end.' }),
  })
  .strict();
export type SlackSettingsInput = z.input<typeof SlackSettingsInput>;
export type SlackSettingsOutput = z.output<typeof SlackSettingsInput>;
