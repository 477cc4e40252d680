import { type AuthenticatorTransport, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import type { PasskeyRow } from '../../db/schema/index.ts';
import {
  claimWebauthnChallenge,
  findPasskey,
  insertWebauthnChallenge,
  recordPasskeyUse,
} from '../../db/stores/passkey-store.ts';
import { AppError } from '../../domain/errors.ts';
import { AuthenticationAnswer } from '../../domain/inputs/passkeys.ts';
import {
  judgeSignCounter,
  PASSKEY_CHALLENGE_SECONDS,
  type PasskeyPurpose,
} from '../../domain/passkey-rules.ts';
import type { ServiceDeps } from '../deps.ts';
import { relyingParty } from './relying-party.ts';

/** The user handle stored on the authenticator: the account's id, which names nothing personal. */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId.replaceAll('-', ''), 'hex'));
}

export const REFUSED = 'That passkey was not accepted. Try again, or use your password.';
const EXPIRED = 'The passkey request expired or was used already. Try again.';

/** Remembers a challenge just sent to a browser, for PASSKEY_CHALLENGE_SECONDS and one answer. */
export async function rememberChallenge(
  deps: ServiceDeps,
  challenge: string,
  purpose: PasskeyPurpose,
  userId: string | null,
): Promise<void> {
  const now = deps.clock.now();
  await insertWebauthnChallenge(deps.db, {
    challenge,
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_SECONDS * 1000),
  });
}

/**
 * Reads the challenge an answer carries and uses it up, whatever comes next: a challenge serves
 * one answer, right or wrong. Throws 'auth.passkey_refused' for an unreadable answer and
 * 'auth.challenge_expired' for a challenge that is unknown, used, expired, or not for this.
 */
export async function claimChallengeOf(
  deps: ServiceDeps,
  clientDataJSON: string,
  purpose: PasskeyPurpose,
  userId: string | null,
): Promise<string> {
  let challenge: string;
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    throw new AppError('auth.passkey_refused', REFUSED);
  }
  if (typeof challenge !== 'string' || challenge.length > 200)
    throw new AppError('auth.passkey_refused', REFUSED);
  const isClaimed = await claimWebauthnChallenge(deps.db, {
    challenge,
    purpose,
    userId,
    now: deps.clock.now(),
  });
  if (!isClaimed) throw new AppError('auth.challenge_expired', EXPIRED);
  return challenge;
}

/**
 * Checks a passkey's answer to a sign-in or second-factor challenge: the challenge (single use),
 * origin and RP ID from configuration, the signature with the stored public key, and the counter
 * rule; then records the use. `userId` limits it to that person's passkeys (second factor).
 * Returns the passkey and whether the authenticator verified the person. Throws
 * 'auth.passkey_refused' and 'auth.challenge_expired'.
 */
export async function checkPasskeyAnswer(
  deps: ServiceDeps,
  input: { response: unknown; purpose: 'sign-in' | 'second-factor'; userId: string | null },
): Promise<{ passkey: PasskeyRow; userVerified: boolean }> {
  const parsed = AuthenticationAnswer.safeParse(input.response);
  if (!parsed.success) throw new AppError('auth.passkey_refused', REFUSED);
  const response = parsed.data;
  const challenge = await claimChallengeOf(
    deps,
    response.response.clientDataJSON,
    input.purpose,
    input.userId,
  );
  const passkey = await findPasskey(deps.db, response.id);
  if (!passkey || (input.userId !== null && passkey.userId !== input.userId)) {
    throw new AppError('auth.passkey_refused', REFUSED);
  }
  // The account the authenticator holds the credential for must be the passkey's (WebAuthn §7.2).
  const handle = response.response.userHandle;
  if (handle !== undefined && handle !== isoBase64URL.fromBuffer(userHandleOf(passkey.userId))) {
    throw new AppError('auth.passkey_refused', REFUSED);
  }
  const rp = relyingParty(deps);
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      credential: {
        id: passkey.id,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransport[],
      },
    });
  } catch (error) {
    deps.logger.info(
      {
        event: 'passkey.refused',
        userId: passkey.userId,
        reason: error instanceof Error ? error.message : '',
      },
      'passkey answer refused',
    );
    throw new AppError('auth.passkey_refused', REFUSED);
  }
  const info = verified.authenticationInfo;
  if (!verified.verified || judgeSignCounter(passkey.counter, info.newCounter) === 'cloned') {
    throw new AppError('auth.passkey_refused', REFUSED);
  }
  // Another instance may have taken this counter value since we read the row: the UPDATE decides.
  if (!(await recordPasskeyUse(deps.db, passkey.id, info.newCounter, deps.clock.now()))) {
    throw new AppError('auth.passkey_refused', REFUSED);
  }
  return { passkey, userVerified: info.userVerified };
}
