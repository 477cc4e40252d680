import type { SlackConnectionRow } from '../../db/schema/index.ts';
import {
  findSlackConnection,
  updateSlackConnection,
  upsertSlackConnection,
} from '../../db/stores/slack-store.ts';
import { AppError } from '../../domain/errors.ts';
import { SlackSettingsInput, type SlackSettingsOutput } from '../../domain/inputs/slack.ts';
import { slackClient } from '../../integrations/slack-client.ts';
import { parseOrThrow } from '../create-user.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { connectErrorOf, slackTokenBox } from './slack-access.ts';

/**
 * Connects Slack with a user token (checked with auth.test first) and/or changes the status
 * words, emoji and Do Not Disturb. Without a token it changes an existing connection's settings.
 * Throws 'validation' (a malformed or refused token, no connection to change), 'rate_limited'
 * and 'unavailable' (Slack unreachable).
 */
export async function saveSlackSettings(
  deps: ServiceDeps,
  actor: Actor,
  input: SlackSettingsInput,
): Promise<SlackConnectionRow> {
  const { token, ...settings } = parseOrThrow(SlackSettingsInput, input);
  const change = settingsChangeOf(settings);
  if (token) return connectSlackToken(deps, actor.id, token, change);
  const changed = await updateSlackConnection(deps.db, actor.id, change, deps.clock.now());
  if (!changed) {
    const message = 'Paste a Slack token to connect.';
    throw new AppError('validation', message, { fields: { token: message } });
  }
  return changed;
}

/** Stores a token Slack accepted, with what auth.test says about it. */
export async function connectSlackToken(
  deps: ServiceDeps,
  userId: string,
  token: string,
  change: SettingsChange = {},
): Promise<SlackConnectionRow> {
  const identity = await slackClient(deps.config.slack.apiUrl, token)
    .authTest()
    .catch((error: unknown) => {
      throw connectErrorOf(error);
    });
  const previous = await findSlackConnection(deps.db, userId);
  return upsertSlackConnection(
    deps.db,
    {
      userId,
      sealedToken: slackTokenBox(deps.config).seal(token),
      teamId: identity.teamId,
      teamName: identity.teamName,
      slackUserId: identity.userId,
      // A token of another Slack account cannot restore what the first one remembered.
      ...(previous && previous.slackUserId !== identity.userId ? { isApplied: false } : {}),
      ...change,
    },
    deps.clock.now(),
  );
}

type SettingsChange = Partial<Pick<SlackConnectionRow, 'statusTemplate' | 'statusEmoji' | 'setDnd'>>;

/** The columns a settings input changes; a field left out keeps its value. */
function settingsChangeOf(settings: Omit<SlackSettingsOutput, 'token'>): SettingsChange {
  const change: SettingsChange = {};
  if (settings.statusText !== undefined) change.statusTemplate = settings.statusText;
  if (settings.statusEmoji !== undefined) change.statusEmoji = settings.statusEmoji;
  if (settings.setDnd !== undefined) change.setDnd = settings.setDnd;
  return change;
}
