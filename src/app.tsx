import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { ManualClock } from './clock.ts';
import { AppError, isAppError } from './domain/errors.ts';
import { ApiDocsPage, type OpenApiDocument } from './http/api/docs-page.tsx';
import { API_BASE, createApi, OPENAPI_INFO } from './http/api/index.ts';
import { publicCalendarFeedRoutes } from './http/calendar-feed-routes.ts';
import type { AppEnv } from './http/context.ts';
import { problemResponse, STATUS_OF } from './http/errors.ts';
import { healthRoutes } from './http/health-routes.ts';
import { exportRequestSpans, metricsRoutes, observeRequests } from './http/metrics-routes.ts';
import { clientIp } from './http/middleware/client-ip.ts';
import { compressFinishedBodies } from './http/middleware/compress.ts';
import { apiCors } from './http/middleware/cors.ts';
import { csrfProtection } from './http/middleware/csrf.ts';
import { noStoreWhenAuthenticated } from './http/middleware/no-store.ts';
import { refuseNul } from './http/middleware/refuse-nul.ts';
import { requestId } from './http/middleware/request-id.ts';
import { securityHeaders } from './http/middleware/security-headers.ts';
import { loadSignIn } from './http/middleware/sign-in.ts';
import { staticAssets } from './http/static-assets.ts';
import { testClockRoutes } from './http/test-clock-routes.ts';
import { type AssetManifest, readAssetManifest } from './http/web/assets.ts';
import { authRoutes } from './http/web/auth-routes.tsx';
import { ErrorFragment, ErrorPage } from './http/web/error-page.tsx';
import { exportRoutes, IMPORT_PAGE_PATH, importBodyLimit } from './http/web/exports/export-routes.tsx';
import { pageContext } from './http/web/page-context.ts';
import { providerSignInRoutes } from './http/web/provider-sign-in-routes.tsx';
import { insightPageRoutes } from './http/web/reports/insight-routes.tsx';
import { reportPageRoutes } from './http/web/reports/report-routes.tsx';
import { settingsRoutes } from './http/web/settings-routes.tsx';
import { sheetRoutes } from './http/web/sheet-routes.tsx';
import { taskRoutes } from './http/web/task-routes.tsx';
import { teamReportPageRoutes } from './http/web/teams/team-report-routes.tsx';
import { teamPageRoutes } from './http/web/teams/team-routes.tsx';
import type { Metrics } from './metrics/metrics.ts';
import type { SpanExporter } from './metrics/span-exporter.ts';
import { publicFolder } from './paths.ts';
import type { EventBus } from './realtime/event-bus.ts';
import type { ServiceDeps } from './services/deps.ts';
import { providerOrigins } from './services/sign-in-providers/providers.ts';

/** Framework-raised client errors (bad JSON, wrong media type, too large) as our own errors. */
function appErrorOfHttp(error: HTTPException): AppError {
  if (error.status === 415)
    return new AppError('unsupported_media_type', 'Send the body as application/json.');
  if (error.status === 413) return new AppError('payload_too_large', 'The request body is too large.');
  if (error.status === 401) return new AppError('unauthenticated', error.message || 'Sign in first.');
  if (error.status === 403) return new AppError('forbidden', error.message || 'Not allowed.');
  if (error.status === 404) return new AppError('not_found', 'Nothing here.');
  if (error.status === 400) return new AppError('bad_request', error.message || 'The request is malformed.');
  return new AppError('validation', error.message || 'The request is not valid.');
}

export type AppOptions = {
  /** Present only with CLOCK=manual: exposes POST /__test/clock. */
  manualClock?: ManualClock | undefined;
  assets?: AssetManifest;
  bus: EventBus;
  /** Present when the operator asked for metrics (METRICS_TOKEN or METRICS_PORT). */
  metrics?: Metrics | undefined;
  /** Present when OTEL_EXPORTER_OTLP_ENDPOINT is set: request spans go to that collector. */
  spans?: SpanExporter | undefined;
};

/**
 * Paths whose cookie-authenticated writes need no CSRF token: the test clock, and the buttons of a
 * time's-up notification, which the service worker sends with the push's own token instead (a
 * secret per subscription and session that a forging site cannot know; see answer-push-action.ts).
 */
function isCsrfExempt(path: string): boolean {
  return path.startsWith('/__test/') || path === '/api/v1/push-actions';
}

function wantsJson(path: string, accept: string | undefined, contentType?: string): boolean {
  return (
    path.startsWith('/api/') ||
    path.startsWith('/__test/') ||
    (accept ?? '').includes('application/json') ||
    (contentType ?? '').startsWith('application/json')
  );
}

/** Builds the whole HTTP application around its dependencies; no global state. */
export function createApp(deps: ServiceDeps, options: AppOptions) {
  const assets = options.assets ?? readAssetManifest();
  const app = new Hono<AppEnv>();
  const appOrigin = deps.config.appUrl ? new URL(deps.config.appUrl).origin : undefined;

  if (options.metrics) app.use('*', observeRequests(options.metrics));
  app.use('*', requestId(deps.logger));
  if (options.spans) app.use('*', exportRequestSpans(options.spans));
  app.use('*', securityHeaders(deps.config.isProduction, providerOrigins(deps.config)));
  app.use(`${API_BASE}/*`, apiCors(deps.config.corsOrigins));
  app.route('/health', healthRoutes(deps.db));
  if (options.metrics && deps.config.metrics.token)
    app.route('/metrics', metricsRoutes(options.metrics, deps.config.metrics.token));
  app.route('/', staticAssets(publicFolder));
  app.use('*', compress());
  app.use('*', compressFinishedBodies());
  app.use('*', clientIp(deps.config.trustProxyHeader));
  // Before the session and CSRF: calendar apps send no cookie (and get none); the token is the credential.
  app.route('/calendar', publicCalendarFeedRoutes(deps));
  app.use('*', loadSignIn(deps));
  app.use('*', noStoreWhenAuthenticated);
  app.use(IMPORT_PAGE_PATH, importBodyLimit);
  app.use('*', csrfProtection({ appOrigin, exempt: isCsrfExempt }));
  // The API refuses NUL itself, after authentication, so an anonymous caller still gets its 401.
  app.use('*', refuseNul({ skip: (path) => path.startsWith('/api/') }));

  if (options.manualClock) app.route('/__test/clock', testClockRoutes(options.manualClock));
  const api = createApi(deps, options.bus);
  app.route(API_BASE, api);
  let apiDoc: OpenApiDocument | undefined;
  app.get('/api/docs', (c) => {
    apiDoc ??= api.getOpenAPI31Document(OPENAPI_INFO) as unknown as OpenApiDocument;
    return c.html(<ApiDocsPage page={pageContext(c, assets)} doc={apiDoc} />);
  });
  app.route('/', authRoutes(deps, assets));
  // Sign in with GitHub, Google or OpenID Connect (issue 16)
  app.route('/', providerSignInRoutes(deps, assets));
  app.route('/settings', settingsRoutes(deps, assets));
  app.route('/', taskRoutes(deps, assets));
  app.route('/', teamPageRoutes(deps, assets));
  app.route('/', teamReportPageRoutes(deps, assets));
  app.route('/', exportRoutes(deps, assets));
  app.route('/', reportPageRoutes(deps, assets));
  app.route('/', insightPageRoutes(deps));
  app.route('/', sheetRoutes(deps, assets, options.bus));

  app.notFound((c) => {
    if (wantsJson(c.req.path, c.req.header('accept'), c.req.header('content-type')))
      return problemResponse(c, new AppError('not_found', 'Nothing here.'));
    return c.html(
      <ErrorPage page={pageContext(c, assets)} status={404} message="There is nothing at this address." />,
      404,
    );
  });

  app.onError((error, c) => {
    let appError: AppError | undefined;
    if (isAppError(error)) appError = error;
    else if (error instanceof HTTPException && error.status < 500) appError = appErrorOfHttp(error);
    else if (error instanceof SyntaxError)
      appError = new AppError('bad_request', 'The request body is not valid JSON.');
    if (!appError) {
      (c.get('logger') ?? deps.logger).error({ err: error }, 'unhandled error');
      if (wantsJson(c.req.path, c.req.header('accept'), c.req.header('content-type'))) {
        return c.body(
          JSON.stringify({
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
            detail: 'Something went wrong on our side.',
            requestId: c.get('requestId'),
          }),
          500,
          { 'Content-Type': 'application/problem+json' },
        );
      }
      return c.text('Something went wrong on our side. Please try again.', 500);
    }
    if (wantsJson(c.req.path, c.req.header('accept'), c.req.header('content-type')))
      return problemResponse(c, appError);
    const status = STATUS_OF[appError.code];
    if (c.req.header('hx-request')) {
      // The message goes to the flash area; the page refreshes its sheet, which may be stale.
      c.header('HX-Retarget', '#flash');
      c.header('HX-Reswap', 'innerHTML');
      c.header('HX-Trigger', 'deepsheet:refresh');
      return c.html(<ErrorFragment message={appError.message} />, status);
    }
    const page = c.get('csrfToken')
      ? pageContext(c, assets)
      : { assets, csrfToken: '', theme: 'system' as const, signedIn: false };
    return c.html(<ErrorPage page={page} status={status} message={appError.message} />, status);
  });

  return app;
}
