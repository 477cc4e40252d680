/**
 * The rules of the second factor, apart from the cryptography (src/security/totp.ts): which TOTP
 * steps a code may belong to, that a step is accepted at most once, and what a typed code is.
 */

/** A code is accepted for the current step and one step either side (clock drift, slow typing). */
export const TOTP_WINDOW_STEPS = 1;
/** How many single-use recovery codes a person gets at once. */
export const RECOVERY_CODE_COUNT = 10;
/**
 * Recovery codes are 16 characters of lower-case base32 (80 bits), shown as four groups of 4: long
 * enough that an unkeyed SHA-256 of one cannot be searched back from a database dump, so they keep
 * working when the server's SECRET changes (the way back in when the sealed secret cannot be read).
 */
const RECOVERY_CODE = /^[a-z2-7]{16}$/;

/** The steps whose codes are accepted at `currentStep`, oldest first. */
export function windowSteps(currentStep: number): number[] {
  const steps: number[] = [];
  for (let offset = -TOTP_WINDOW_STEPS; offset <= TOTP_WINDOW_STEPS; offset += 1) {
    steps.push(currentStep + offset);
  }
  return steps;
}

export type CodeVerdict = { kind: 'accepted'; step: number } | { kind: 'replayed' } | { kind: 'wrong' };

/**
 * Judges a code from the steps of the window it matched. A step at or before the last accepted
 * one is a replay (RFC 6238 §5.2: a code is never accepted twice, nor an older one after it).
 * When a code matches several fresh steps the latest is taken, so nothing before it can follow.
 */
export function judgeTotpCode(matchedSteps: readonly number[], lastAcceptedStep: number | null): CodeVerdict {
  if (matchedSteps.length === 0) return { kind: 'wrong' };
  const fresh = matchedSteps.filter((step) => lastAcceptedStep === null || step > lastAcceptedStep);
  if (fresh.length === 0) return { kind: 'replayed' };
  return { kind: 'accepted', step: Math.max(...fresh) };
}

export type SecondFactorInput = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

/**
 * Reads what a person typed as a second factor: six digits are an app's code, sixteen letters and
 * digits a recovery code (spaces, dashes and case do not matter). Anything else is null.
 */
export function parseSecondFactorInput(raw: unknown): SecondFactorInput | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const compact = raw.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: 'totp', code: compact };
  if (RECOVERY_CODE.test(compact)) return { kind: 'recovery', code: compact };
  return null;
}

/** A recovery code as it is shown and printed: `abcd-efgh-ijkl-mnop`. */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
