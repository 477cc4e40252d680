import { randomBytes } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { replaceRecoveryCodes } from '../../db/stores/two-factor-store.ts';
import { formatRecoveryCode, RECOVERY_CODE_COUNT } from '../../domain/two-factor.ts';
import { encodeBase32 } from '../../security/totp.ts';
import type { ServiceDeps } from '../deps.ts';
import { recoveryCodeHash } from './verify-second-factor.ts';

/**
 * Makes a fresh set of recovery codes for the person, replacing every earlier one, and returns them
 * as they are shown (once; only their hashes are kept).
 */
export async function issueRecoveryCodes(
  deps: Pick<ServiceDeps, 'clock'>,
  db: Executor,
  userId: string,
): Promise<string[]> {
  // 10 random bytes are exactly 16 base32 characters (80 bits).
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    encodeBase32(randomBytes(10)).toLowerCase(),
  );
  await replaceRecoveryCodes(
    db,
    userId,
    codes.map((code) => recoveryCodeHash(userId, code)),
    deps.clock.now(),
  );
  return codes.map(formatRecoveryCode);
}
