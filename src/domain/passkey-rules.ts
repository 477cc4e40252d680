/**
 * The rules of passkeys (WebAuthn), apart from the cryptography (@simplewebauthn/server): where
 * the relying party is, which signature counters are believable, what a passkey may be called,
 * and when a passkey alone is enough to sign in.
 */

/** How long a person has to answer a WebAuthn prompt; the challenge dies with it. */
export const PASSKEY_CHALLENGE_SECONDS = 5 * 60;
export const PASSKEY_NAME_MAX = 60;
export const DEFAULT_PASSKEY_NAME = 'Passkey';

export type PasskeyPurpose = 'register' | 'sign-in' | 'second-factor';

export type RelyingParty = { id: string; origin: string; name: string };

/**
 * The relying party from configuration alone, never from a request's Host header: the RP ID is
 * APP_URL's host name (no port) and the only expected origin is APP_URL's origin. Without
 * APP_URL (development) it is the local server as http://localhost:PORT.
 */
export function relyingPartyOf(appUrl: string | undefined, port: number): RelyingParty {
  const url = new URL(appUrl ?? `http://localhost:${port}`);
  return { id: url.hostname, origin: url.origin, name: 'Deepsheet' };
}

export type CounterVerdict = 'accepted' | 'cloned';

/**
 * Judges a signature counter against the stored one (WebAuthn §6.1.1). Synced passkeys always
 * send 0: a counter of 0 that stays 0 is normal. Otherwise it must grow; one that stands still
 * or goes back means a copy of the key may be in use, and the answer is refused.
 */
export function judgeSignCounter(stored: number, received: number): CounterVerdict {
  if (stored === 0 && received === 0) return 'accepted';
  return received > stored ? 'accepted' : 'cloned';
}

export type NameVerdict = { ok: true; name: string } | { ok: false; message: string };

/**
 * A passkey's name, as the person typed it: spaces trimmed and runs of white space made one,
 * control characters refused; blank becomes "Passkey".
 */
export function parsePasskeyName(input: unknown): NameVerdict {
  if (input !== undefined && input !== null && typeof input !== 'string')
    return { ok: false, message: 'Give the passkey a name.' };
  const name = (input ?? '').replace(/[\t\n\r ]+/g, ' ').trim();
  if ([...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))
    return { ok: false, message: 'The name cannot contain control characters.' };
  if ([...name].length > PASSKEY_NAME_MAX)
    return { ok: false, message: `Keep the name to ${PASSKEY_NAME_MAX} characters or fewer.` };
  return { ok: true, name: name === '' ? DEFAULT_PASSKEY_NAME : name };
}

/**
 * Whether signing in with a passkey alone opens a session. A passkey whose authenticator checked
 * the person (PIN, fingerprint, face: `userVerified`) is two factors in one. Without that check
 * it is one factor, so a person with two-factor sign-in on still owes their second step.
 */
export function isPasskeyEnoughAlone(input: { hasTwoFactor: boolean; userVerified: boolean }): boolean {
  return !input.hasTwoFactor || input.userVerified;
}
