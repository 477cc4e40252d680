import {
  countUnusedRecoveryCodes,
  deleteTwoFactor,
  findTotp,
  saveUnconfirmedTotp,
} from '../../db/stores/two-factor-store.ts';
import { AppError } from '../../domain/errors.ts';
import { generateTotpSecret, otpauthUri } from '../../security/totp.ts';
import { confirmPassword } from '../confirm-password.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import { totpBox } from './totp-box.ts';
import { verifySecondFactor } from './verify-second-factor.ts';

export type TwoFactorStatus =
  | { state: 'off' }
  | { state: 'setting-up'; secret: string; uri: string }
  | { state: 'on'; since: Date; recoveryCodesLeft: number };

const ISSUER = 'Deepsheet';
const ALREADY_ON = 'Two-factor authentication is on already.';
const NOT_ON = 'Two-factor authentication is not on.';

/** Where the actor's two-factor sign-in stands; while setting up, the secret and its link. */
export async function getTwoFactorStatus(deps: ServiceDeps, actor: Actor): Promise<TwoFactorStatus> {
  const row = await findTotp(deps.db, actor.id);
  if (!row) return { state: 'off' };
  if (row.confirmedAt) {
    return {
      state: 'on',
      since: row.confirmedAt,
      recoveryCodesLeft: await countUnusedRecoveryCodes(deps.db, actor.id),
    };
  }
  let secret: string;
  try {
    secret = totpBox(deps).open(row.sealedSecret);
  } catch {
    // Sealed under an earlier SECRET: as if never started; setting up again replaces it.
    return { state: 'off' };
  }
  return { state: 'setting-up', secret, uri: otpauthUri({ issuer: ISSUER, account: actor.email, secret }) };
}

/**
 * Starts setting up an authenticator app: after the password, a new secret is stored sealed and
 * unconfirmed (replacing an earlier unconfirmed one). Sign-in does not change until a code confirms
 * it. Throws 'auth.wrong_password' and 'conflict' when two-factor is on already.
 */
export async function startTwoFactorSetup(
  deps: ServiceDeps,
  actor: Actor,
  input: { password: unknown },
): Promise<void> {
  await confirmPassword(deps, actor, input.password, 'password');
  const isSaved = await saveUnconfirmedTotp(
    deps.db,
    actor.id,
    totpBox(deps).seal(generateTotpSecret()),
    deps.clock.now(),
  );
  if (!isSaved) throw new AppError('conflict', ALREADY_ON);
}

/**
 * Confirms the secret being set up with a code from the app, which turns two-factor sign-in on,
 * and returns ten new recovery codes to show once. Throws 'conflict' when nothing is being set up,
 * and what verifySecondFactor throws.
 */
export async function confirmTwoFactor(
  deps: ServiceDeps,
  actor: Actor,
  input: { code: unknown; ip: string },
): Promise<{ recoveryCodes: string[] }> {
  const row = await findTotp(deps.db, actor.id);
  if (!row) throw new AppError('conflict', 'Start setting up first: nothing is waiting for a code.');
  if (row.confirmedAt) throw new AppError('conflict', ALREADY_ON);
  await verifySecondFactor(deps, {
    userId: actor.id,
    code: input.code,
    ip: input.ip,
    field: 'code',
    allowsRecoveryCode: false,
    isConfirming: true,
  });
  deps.logger.info({ event: 'two_factor.enabled', userId: actor.id }, 'two-factor sign-in turned on');
  return { recoveryCodes: await issueRecoveryCodes(deps, deps.db, actor.id) };
}

/**
 * Replaces the actor's recovery codes with ten new ones (after the password): the old ones stop
 * working at once. Throws 'auth.wrong_password' and 'conflict' when two-factor is off.
 */
export async function regenerateRecoveryCodes(
  deps: ServiceDeps,
  actor: Actor,
  input: { password: unknown },
): Promise<{ recoveryCodes: string[] }> {
  await confirmPassword(deps, actor, input.password, 'password');
  const row = await findTotp(deps.db, actor.id);
  if (!row?.confirmedAt) throw new AppError('conflict', NOT_ON);
  return { recoveryCodes: await deps.db.transaction((tx) => issueRecoveryCodes(deps, tx, actor.id)) };
}

/**
 * Turns two-factor sign-in off with the password and a code (from the app, or a recovery code
 * for a lost phone); forgets the secret and the recovery codes. Throws 'auth.wrong_password',
 * 'conflict' when it is off, and what verifySecondFactor throws.
 */
export async function disableTwoFactor(
  deps: ServiceDeps,
  actor: Actor,
  input: { password: unknown; code: unknown; ip: string },
): Promise<void> {
  await confirmPassword(deps, actor, input.password, 'password');
  const row = await findTotp(deps.db, actor.id);
  if (!row?.confirmedAt) throw new AppError('conflict', NOT_ON);
  await verifySecondFactor(deps, {
    userId: actor.id,
    code: input.code,
    ip: input.ip,
    field: 'code',
    allowsRecoveryCode: true,
  });
  await deps.db.transaction((tx) => deleteTwoFactor(tx, actor.id));
  deps.logger.info({ event: 'two_factor.disabled', userId: actor.id }, 'two-factor sign-in turned off');
}
