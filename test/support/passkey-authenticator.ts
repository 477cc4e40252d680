import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

type Credential = { id: Buffer; privateKey: KeyObject; userHandle: string; counter: number };

/** What a test may bend in one answer, to see the server refuse it. */
export type Bend = {
  origin?: string;
  rpId?: string;
  challenge?: string;
  /** The signature counter to send (default: the next one, or 0 for a synced passkey). */
  counter?: number;
  userVerified?: boolean;
  credentialId?: string;
  /** The user handle to send back (default: the one the credential was made for). */
  userHandle?: string;
};

/**
 * A software authenticator (ES256, attestation 'none') for integration tests: makes the real
 * WebAuthn answers a browser would forward, signed with node:crypto keys it keeps in memory.
 * `synced` passkeys always send counter 0, as iCloud Keychain and Google Password Manager do.
 */
export class SoftwareAuthenticator {
  readonly credentials: Credential[] = [];

  constructor(
    readonly origin: string,
    readonly options: { synced?: boolean } = {},
  ) {}

  private rpIdOf(bend: Bend, fallback: string | undefined): string {
    return bend.rpId ?? fallback ?? new URL(this.origin).hostname;
  }

  private clientData(type: string, challenge: string, bend: Bend): Buffer {
    return Buffer.from(
      JSON.stringify({
        type,
        challenge: bend.challenge ?? challenge,
        origin: bend.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
  }

  private flags(bend: Bend, extra: number): number {
    const backup = this.options.synced ? 0x08 | 0x10 : 0;
    return 0x01 | (bend.userVerified === false ? 0 : 0x04) | backup | extra;
  }

  /** Answers navigator.credentials.create with a new credential. */
  register(options: PublicKeyCredentialCreationOptionsJSON, bend: Bend = {}): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]);
    const id = randomBytes(16);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const counter = bend.counter ?? 0;
    const authData = Buffer.concat([
      sha256(this.rpIdOf(bend, options.rp.id)),
      Buffer.from([this.flags(bend, 0x40)]),
      uint32(counter),
      Buffer.alloc(16),
      idLength,
      id,
      Buffer.from(isoCBOR.encode(coseKey)),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    this.credentials.push({ id, privateKey, userHandle: options.user.id, counter });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, bend)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** Answers navigator.credentials.get with the first (or the named) credential. */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, bend: Bend = {}): AuthenticationResponseJSON {
    const credential = bend.credentialId
      ? this.credentials.find((c) => b64url(c.id) === bend.credentialId)
      : this.credentials[0];
    if (!credential) throw new Error('this authenticator holds no such credential');
    const counter = bend.counter ?? (this.options.synced ? 0 : credential.counter + 1);
    credential.counter = Math.max(credential.counter, counter);
    const authData = Buffer.concat([
      sha256(this.rpIdOf(bend, options.rpId)),
      Buffer.from([this.flags(bend, 0)]),
      uint32(counter),
    ]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, bend);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientDataJSON)]),
      credential.privateKey,
    );
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: bend.userHandle ?? credential.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}
