import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppError, ErrorCode } from '../domain/errors.ts';
import type { AppEnv } from './context.ts';

/** Each error code's HTTP status, in one table: a new code fails typecheck until it is mapped. */
export const STATUS_OF = {
  validation: 422,
  bad_request: 400,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  rate_limited: 429,
  conflict: 409,
  'auth.invalid_credentials': 401,
  'auth.signup_closed': 403,
  'auth.reset_invalid': 410,
  'auth.wrong_password': 422,
  'auth.wrong_code': 422,
  'auth.challenge_expired': 410,
  'auth.passkey_refused': 401,
  'session.invalid_transition': 409,
  'session.already_running': 409,
  'session.version_conflict': 409,
  'session.not_today': 409,
  'team.last_owner': 409,
  'invitation.unavailable': 410,
  'invitation.wrong_account': 403,
  unsupported_media_type: 415,
  payload_too_large: 413,
  'idempotency.key_reused': 422,
  'idempotency.in_progress': 409,
  unavailable: 503,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export const PROBLEM_TYPE_BASE = 'https://deepsheet.dev/problems/';

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Record<string, string>;
  /** Machine-readable facts about the error, e.g. the saved text of a conflicting edit. */
  details?: Record<string, unknown>;
  requestId?: string;
};

export function problemOf(error: AppError, requestId?: string): ProblemDocument {
  return {
    type: `${PROBLEM_TYPE_BASE}${error.code.replace(/\./g, '-').replace(/_/g, '-')}`,
    title: error.code,
    status: STATUS_OF[error.code],
    detail: error.message,
    code: error.code,
    ...(error.fields ? { errors: error.fields } : {}),
    ...(error.details ? { details: error.details } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** Answers an RFC 9457 problem document. */
export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const problem = problemOf(error, c.get('requestId'));
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  const retry = error.details?.retryAfterSeconds;
  if (typeof retry === 'number') headers['Retry-After'] = String(retry);
  return c.body(JSON.stringify(problem), STATUS_OF[error.code], headers);
}
