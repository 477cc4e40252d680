import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { NewTokenInput, TokenListQuery } from '../../../domain/inputs/tokens.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../services/api-tokens.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import type { ApiEnv } from '../context.ts';
import { presentToken } from '../presenters.ts';
import { commonErrors, IdParams, notFound, pageOf, Token, unsupportedMedia } from '../schemas.ts';

const TokenPage = pageOf(Token, 'TokenPage');

const list = createRoute({
  method: 'get',
  path: '/tokens',
  operationId: 'listTokens',
  tags: ['Tokens'],
  summary: 'Your personal access tokens',
  request: {
    query: TokenListQuery,
  },
  responses: {
    200: { description: 'A page of tokens', content: { 'application/json': { schema: TokenPage } } },
    ...commonErrors,
  },
});

const NewToken = NewTokenInput.meta({ id: 'NewToken' });

const CreatedToken = z
  .object({
    token: Token,
    secret: z
      .string()
      .openapi({ description: 'Shown only this once. Send it as `Authorization: Bearer <secret>`.' }),
  })
  .openapi('CreatedToken');

const create = createRoute({
  method: 'post',
  path: '/tokens',
  operationId: 'createToken',
  tags: ['Tokens'],
  summary: 'Create a token; its secret is shown once',
  request: { body: { required: true, content: { 'application/json': { schema: NewToken } } } },
  responses: {
    201: {
      description: 'The new token and its secret',
      content: { 'application/json': { schema: CreatedToken } },
    },
    ...commonErrors,
    ...unsupportedMedia,
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  operationId: 'revokeToken',
  tags: ['Tokens'],
  summary: 'Revoke a token; it stops working at once',
  request: {
    params: IdParams,
  },
  responses: { 204: { description: 'Revoked' }, ...commonErrors, ...notFound },
});

export function tokenRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) => {
      const page = await listApiTokens(deps, c.get('actor'), c.req.valid('query'));
      const now = deps.clock.now();
      return c.json({ items: page.items.map((t) => presentToken(t, now)), nextCursor: page.nextCursor }, 200);
    })
    .openapi(create, async (c) => {
      const { token, secret } = await createApiToken(deps, c.get('actor'), c.req.valid('json'));
      return c.json({ token: presentToken(token, deps.clock.now()), secret }, 201);
    })
    .openapi(revoke, async (c) => {
      await revokeApiToken(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
