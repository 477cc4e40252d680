import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { PreferencesPatch } from '../../../domain/inputs/preferences.ts';
import { localDateOf } from '../../../domain/local-date.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { getUser, preferencesOf, updatePreferences } from '../../../services/preferences.ts';
import type { ApiEnv } from '../context.ts';
import { presentMe } from '../presenters.ts';
import { commonErrors, Me, Preferences, unsupportedMedia } from '../schemas.ts';

const getMe = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags: ['Account'],
  summary: 'The signed-in person and their preferences',
  responses: {
    200: { description: 'You', content: { 'application/json': { schema: Me } } },
    ...commonErrors,
  },
});

const getPreferences = createRoute({
  method: 'get',
  path: '/me/preferences',
  operationId: 'getPreferences',
  tags: ['Account'],
  summary: 'Preferences',
  responses: {
    200: { description: 'Preferences', content: { 'application/json': { schema: Preferences } } },
    ...commonErrors,
  },
});

const patchPreferences = createRoute({
  method: 'patch',
  path: '/me/preferences',
  operationId: 'updatePreferences',
  tags: ['Account'],
  summary: 'Change preferences; fields left out keep their value',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: PreferencesPatch.meta({ id: 'PreferencesPatch' }) } },
    },
  },
  responses: {
    200: { description: 'Preferences', content: { 'application/json': { schema: Preferences } } },
    ...commonErrors,
    ...unsupportedMedia,
  },
});

export function meRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(getMe, async (c) => {
      const user = await getUser(deps, c.get('actor'));
      return c.json(presentMe(user, localDateOf(deps.clock.now(), user.timeZone)), 200);
    })
    .openapi(getPreferences, async (c) => c.json(preferencesOf(await getUser(deps, c.get('actor'))), 200))
    .openapi(patchPreferences, async (c) =>
      c.json(await updatePreferences(deps, c.get('actor'), c.req.valid('json')), 200),
    );
}
