import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { insertPasskey, listPasskeysOf } from '../../db/stores/passkey-store.ts';
import { AppError } from '../../domain/errors.ts';
import { RegistrationAnswer } from '../../domain/inputs/passkeys.ts';
import { PASSKEY_CHALLENGE_SECONDS, parsePasskeyName } from '../../domain/passkey-rules.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { claimChallengeOf, REFUSED, rememberChallenge, userHandleOf } from './passkey-answer.ts';
import { relyingParty } from './relying-party.ts';

/**
 * Starts adding a passkey: options for the browser's navigator.credentials.create, asking for a
 * discoverable credential (so it can sign in without an email) and excluding the person's
 * passkeys already on the authenticator. The challenge is kept for one answer, 5 minutes.
 */
export async function startPasskeyRegistration(
  deps: ServiceDeps,
  actor: Actor,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty(deps);
  const existing = await listPasskeysOf(deps.db, actor.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: actor.email,
    userDisplayName: actor.email,
    userID: userHandleOf(actor.id),
    attestationType: 'none',
    timeout: PASSKEY_CHALLENGE_SECONDS * 1000,
    excludeCredentials: existing.map((p) => ({
      id: p.id,
      transports: p.transports,
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await rememberChallenge(deps, options.challenge, 'register', actor.id);
  return options;
}

/**
 * Finishes adding a passkey with the authenticator's answer to the actor's own challenge (origin
 * and RP ID from configuration) and stores it under `name`. Throws 'validation' (the name),
 * 'auth.challenge_expired', 'auth.passkey_refused' and 'conflict' (registered already).
 */
export async function finishPasskeyRegistration(
  deps: ServiceDeps,
  actor: Actor,
  input: { name?: unknown; response: unknown },
): Promise<{ id: string; name: string }> {
  const name = parsePasskeyName(input.name);
  if (!name.ok) throw new AppError('validation', name.message, { fields: { name: name.message } });
  const parsed = RegistrationAnswer.safeParse(input.response);
  if (!parsed.success) throw new AppError('auth.passkey_refused', REFUSED);
  const response = parsed.data;
  const challenge = await claimChallengeOf(deps, response.response.clientDataJSON, 'register', actor.id);
  const rp = relyingParty(deps);
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
  try {
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    info = verified.verified ? verified.registrationInfo : undefined;
  } catch (error) {
    deps.logger.info(
      {
        event: 'passkey.registration_refused',
        userId: actor.id,
        reason: error instanceof Error ? error.message : '',
      },
      'passkey registration refused',
    );
  }
  if (!info) throw new AppError('auth.passkey_refused', 'That passkey could not be added. Try again.');
  const isStored = await insertPasskey(deps.db, {
    id: info.credential.id,
    userId: actor.id,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey),
    counter: info.credential.counter,
    transports: (response.response.transports ?? []).slice(0, 10),
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    name: name.name,
    createdAt: deps.clock.now(),
  });
  if (!isStored) throw new AppError('conflict', 'This passkey is added already.');
  deps.logger.info({ event: 'passkey.added', userId: actor.id }, 'passkey added');
  return { id: info.credential.id, name: name.name };
}
