import type { UserRow } from '../db/schema/index.ts';
import { hitRateLimit } from '../db/stores/rate-limit-store.ts';
import { AppError, isAppError } from '../domain/errors.ts';
import { createAuthSession, type SessionContext } from './auth-sessions.ts';
import { createUser, type NewUserInput } from './create-user.ts';
import type { ServiceDeps } from './deps.ts';
import { sendEmailVerification } from './email-verification.ts';

export const SIGNUP_RULE = { limit: 10, windowSeconds: 3600 };

/**
 * Opens an account and signs it in on this device, and mails a link to verify its email.
 * Closed when ALLOW_SIGNUP=false.
 * Throws 'auth.signup_closed', 'validation', 'conflict' (a generic message that names no email),
 * and 'rate_limited'.
 */
export async function signUp(
  deps: ServiceDeps,
  input: NewUserInput & { remember?: boolean },
  context: SessionContext,
): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  if (!deps.config.allowSignup) {
    throw new AppError(
      'auth.signup_closed',
      'Sign-up is closed on this server. Ask its administrator for an account.',
    );
  }
  const limit = await hitRateLimit(deps.db, `signup:ip:${context.ip}`, SIGNUP_RULE, deps.clock.now());
  if (!limit.allowed) {
    throw new AppError('rate_limited', 'Too many sign-ups from this address. Please try again later.', {
      details: { retryAfterSeconds: limit.retryAfterSeconds },
    });
  }
  let user: UserRow;
  try {
    user = await createUser(deps, input);
  } catch (error) {
    if (isAppError(error) && error.code === 'conflict') {
      await notifyExistingOwner(deps, String(input.email).trim().toLowerCase());
      throw new AppError(
        'conflict',
        'We could not create an account with these details. If you already have one, log in or reset your password.',
      );
    }
    throw error;
  }
  try {
    await sendEmailVerification(deps, user.id);
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not send the verification link');
  }
  const session = await createAuthSession(deps, deps.db, user.id, {
    remember: input.remember ?? true,
    ...context,
  });
  return { user, token: session.token, expiresAt: session.expiresAt };
}

async function notifyExistingOwner(deps: ServiceDeps, email: string): Promise<void> {
  try {
    await deps.mailer.send({
      to: email,
      subject: 'Someone tried to sign up with your email',
      text: 'Someone tried to create a Deepsheet account with this email address, which already has one.\n\nIf it was you, log in or reset your password. If not, you can ignore this message.',
    });
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not send the sign-up notice');
  }
}
