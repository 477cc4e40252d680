/**
 * The one error type of the application. Services throw it with a stable code; the HTTP layer
 * maps each code to a status once (see http/errors.ts), so a new code fails typecheck until mapped.
 */
export type ErrorCode =
  | 'validation'
  | 'bad_request'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf'
  | 'rate_limited'
  | 'conflict'
  | 'auth.invalid_credentials'
  | 'auth.signup_closed'
  | 'auth.reset_invalid'
  | 'auth.wrong_password'
  | 'auth.wrong_code'
  | 'auth.challenge_expired'
  | 'auth.passkey_refused'
  | 'session.invalid_transition'
  | 'session.already_running'
  | 'session.version_conflict'
  | 'session.not_today'
  | 'team.last_owner'
  | 'invitation.unavailable'
  | 'invitation.wrong_account'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'idempotency.key_reused'
  | 'idempotency.in_progress'
  | 'unavailable';

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldErrors; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.details = options.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
