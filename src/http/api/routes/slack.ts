import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { SlackSettingsInput } from '../../../domain/inputs/slack.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { disconnectSlack } from '../../../services/slack/disconnect-slack.ts';
import {
  getSlackConnection,
  type SlackConnectionView,
} from '../../../services/slack/get-slack-connection.ts';
import { saveSlackSettings } from '../../../services/slack/save-slack-settings.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, jsonResponse, Timestamp, unsupportedMedia } from '../schemas.ts';

const SlackConnection = z
  .object({
    connected: z
      .boolean()
      .openapi({ description: 'False without a connection and after Slack refused the token.' }),
    status: z.enum(['connected', 'disconnected', 'none']),
    workspace: z.string().nullable().openapi({ description: 'The Slack workspace (team) name.' }),
    disconnectedReason: z.string().nullable().openapi({
      description: 'Slack’s word for why it stopped: `token_revoked`, `invalid_auth`, `account_inactive`.',
    }),
    disconnectedAt: Timestamp.nullable(),
    statusText: z.string().openapi({ example: 'In deep work until {end}' }),
    statusEmoji: z.string().openapi({ example: ':headphones:' }),
    setDnd: z.boolean(),
    isStatusApplied: z.boolean().openapi({ description: 'Whether our focus status is on the profile now.' }),
  })
  .openapi('SlackConnection');

const tags = ['Slack'];
const get = createRoute({
  method: 'get',
  path: '/slack',
  operationId: 'getSlack',
  tags,
  summary: 'Your Slack connection and what it writes (never the token)',
  responses: { 200: jsonResponse(SlackConnection, 'The connection'), ...commonErrors },
});
const put = createRoute({
  method: 'put',
  path: '/slack',
  operationId: 'putSlack',
  tags,
  summary: 'Connect Slack with a user token (checked with auth.test) and/or change the status settings',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: SlackSettingsInput.meta({ id: 'SlackSettings' }) } },
    },
  },
  responses: { 200: jsonResponse(SlackConnection, 'The connection'), ...commonErrors, ...unsupportedMedia },
});
const remove = createRoute({
  method: 'delete',
  path: '/slack',
  operationId: 'deleteSlack',
  tags,
  summary: 'Disconnect Slack: your own status is put back first, then the token is forgotten',
  responses: { 204: { description: 'Disconnected (also when it was not connected)' }, ...commonErrors },
});

const DEFAULTS = { statusTemplate: 'In deep work until {end}', statusEmoji: ':headphones:', setDnd: true };

function present(view: SlackConnectionView | null) {
  const v = view ?? { ...DEFAULTS, status: 'none' as const, teamName: null, disconnectedReason: null };
  return {
    connected: v.status === 'connected',
    status: v.status,
    workspace: v.teamName,
    disconnectedReason: v.disconnectedReason,
    disconnectedAt: view?.disconnectedAt?.toISOString() ?? null,
    statusText: v.statusTemplate,
    statusEmoji: v.statusEmoji,
    setDnd: v.setDnd,
    isStatusApplied: view?.isStatusApplied ?? false,
  };
}

/** /slack: the person's Slack focus status connection (issue 15). */
export function slackRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(get, async (c) => c.json(present(await getSlackConnection(deps, c.get('actor'))), 200))
    .openapi(put, async (c) => {
      await saveSlackSettings(deps, c.get('actor'), c.req.valid('json'));
      return c.json(present(await getSlackConnection(deps, c.get('actor'))), 200);
    })
    .openapi(remove, async (c) => {
      await disconnectSlack(deps, c.get('actor'));
      return c.body(null, 204);
    });
}
