import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import { fieldErrorsOf } from '../../services/create-user.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { MAX_ARCHIVE_BYTES } from '../../services/exports/account-import.ts';
import { emptyBodyIsNoBody } from '../middleware/empty-body.ts';
import { refuseNul } from '../middleware/refuse-nul.ts';
import { apiAuth } from './auth.ts';
import type { ApiEnv } from './context.ts';
import { idempotency } from './idempotency.ts';
import { apiRateLimit } from './rate-limit.ts';
import { apiRequestLog } from './request-log.ts';
import { accountRoutes } from './routes/account.ts';
import { accountDataRoutes } from './routes/account-data.ts';
import { calendarFeedRoutes } from './routes/calendar-feed.ts';
import { contextSwitchRoutes } from './routes/context-switches.ts';
import { dayRoutes } from './routes/days.ts';
import { eventRoutes } from './routes/events.ts';
import { exportRoutes } from './routes/exports.ts';
import { insightRoutes } from './routes/insights.ts';
import { integrationRoutes } from './routes/integrations.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { meRoutes } from './routes/me.ts';
import { projectRoutes } from './routes/projects.ts';
import { pushSubscriptionRoutes } from './routes/push-subscriptions.ts';
import { reportRoutes } from './routes/reports.ts';
import { requestLogRoutes } from './routes/requests.ts';
import { resourceRoutes } from './routes/resources.ts';
import { searchRoutes } from './routes/search.ts';
import { sessionWorkRoutes } from './routes/session-work.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { slackRoutes } from './routes/slack.ts';
import { summaryRoutes } from './routes/summaries.ts';
import { taskRoutes } from './routes/tasks.ts';
import { teamReportRoutes } from './routes/team-reports.ts';
import { teamRoutes } from './routes/teams.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { webhookRoutes } from './routes/webhooks.ts';

export const API_BASE = '/api/v1';
const MAX_BODY_BYTES = 64 * 1024;

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Deepsheet API',
    version: '1.0.0',
    description:
      'Everything the Deepsheet pages can do, for programs. JSON in camelCase, RFC 3339 UTC timestamps, errors as RFC 9457 problem documents. See docs/api.md for the conventions.',
  },
  servers: [{ url: API_BASE }],
  security: [{ bearerAuth: [] }],
};

/** API v1: one OpenAPI app whose schemas validate requests, type handlers and write the document. */
export function createApi(deps: ServiceDeps, bus: EventBus) {
  const api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation', 'The request is not valid; see `errors`.', {
          fields: fieldErrorsOf(result.error),
        });
      }
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal access token (`ds_…`), created in Settings or with `deepsheet token create`.',
  });
  api.doc31('/openapi.json', OPENAPI_INFO);

  // Bodies stay small, except the account import's, which carries a whole archive.
  const limit = (maxSize: number, message: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload_too_large', message);
      },
    });
  const smallBodies = limit(MAX_BODY_BYTES, `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`);
  const archiveBodies = limit(
    MAX_ARCHIVE_BYTES,
    `An archive is limited to ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB.`,
  );
  api.use('*', (c, next) =>
    c.req.path === `${API_BASE}/account/import` ? archiveBodies(c, next) : smallBodies(c, next),
  );
  // Before anything reads the body: an empty body is no body, whatever its Content-Type.
  api.use('*', emptyBodyIsNoBody());
  const guard = [
    apiRequestLog(deps),
    apiAuth(deps),
    apiRateLimit(deps),
    refuseNul(),
    idempotency(deps),
  ] as const;
  // '/me/*' matches '/me' too: listing both ran the guard twice (two rate-limit hits, and an
  // Idempotency-Key found "in progress" by its own second pass).
  for (const path of [
    '/me/*',
    '/days/*',
    '/sessions/*',
    '/summaries/*',
    '/streak',
    '/tokens/*',
    '/events',
    '/projects/*',
    '/tasks/*',
    '/context-switches/*',
    '/resources/*',
    '/search',
    '/exports/*',
    '/account/*',
    '/insights/*',
    '/reports/*',
    '/calendar-feed',
    '/teams/*',
    '/invitations/*',
    // Webhooks (issue 15)
    '/webhooks/*',
    // Slack (issue 15)
    '/slack',
    // GitHub and GitLab import (issue 15)
    '/integrations/*',
    // Web Push (issue 16)
    '/push-subscriptions/*',
    '/push-actions',
  ]) {
    api.use(path, ...guard);
  }
  return (
    api
      .route('/', meRoutes(deps))
      .route('/', accountRoutes(deps))
      .route('/', requestLogRoutes(deps))
      .route('/', dayRoutes(deps))
      .route('/', sessionRoutes(deps))
      .route('/', summaryRoutes(deps))
      .route('/', tokenRoutes(deps))
      .route('/', eventRoutes(deps, bus))
      .route('/', projectRoutes(deps))
      .route('/', taskRoutes(deps))
      .route('/', sessionWorkRoutes(deps))
      .route('/', contextSwitchRoutes(deps))
      .route('/', resourceRoutes(deps))
      .route('/', searchRoutes(deps))
      .route('/', exportRoutes(deps))
      .route('/', accountDataRoutes(deps))
      .route('/', insightRoutes(deps))
      .route('/', reportRoutes(deps))
      .route('/', calendarFeedRoutes(deps))
      .route('/', teamRoutes(deps))
      .route('/', teamReportRoutes(deps))
      .route('/', invitationRoutes(deps))
      // Webhooks (issue 15)
      .route('/', webhookRoutes(deps))
      .route('/', slackRoutes(deps))
      .route('/', integrationRoutes(deps))
      .route('/', pushSubscriptionRoutes(deps))
  );
}
