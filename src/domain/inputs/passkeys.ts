import { z } from 'zod';

/**
 * What the browser sends back from a WebAuthn ceremony (@simplewebauthn/browser's JSON), checked
 * for shape only: the cryptography is the library's. Bounded, so a hostile body stays small.
 */
const Base64Url = z
  .string()
  .min(1)
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]+={0,2}$/);
const Transports = z.array(z.string().max(32)).max(10).optional();

export const RegistrationAnswer = z.object({
  id: Base64Url.max(1366),
  rawId: Base64Url.max(1366),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    transports: Transports,
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const AuthenticationAnswer = z.object({
  id: Base64Url.max(1366),
  rawId: Base64Url.max(1366),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Base64Url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

/** Adding a passkey in Settings: its name and the authenticator's answer. */
export const AddPasskeyInput = z.object({ name: z.unknown().optional(), response: z.unknown() });
/** Signing in with a passkey: the answer, and whether to stay signed in. */
export const PasskeySignInInput = z.object({ response: z.unknown(), remember: z.boolean().default(true) });
