import { describe, expect, it } from 'vitest';
import { canUnlinkIdentity, decideIdentityLink, type LinkingFacts } from './identity-linking.ts';

const base: LinkingFacts = {
  mode: 'sign-in',
  identityOwnerId: undefined,
  providerEmail: 'ada@example.test',
  providerEmailVerified: true,
  localAccount: undefined,
  allowSignup: true,
};
const verifiedLocal = { id: 'local', isEmailVerified: true };

describe('deciding who a provider sign-in belongs to', () => {
  it.each<[string, Partial<LinkingFacts>, ReturnType<typeof decideIdentityLink>]>([
    [
      'an identity already linked signs in its account',
      { identityOwnerId: 'u1' },
      { kind: 'sign-in', userId: 'u1' },
    ],
    [
      'an identity already linked wins over another account with the email it reports now',
      { identityOwnerId: 'u1', localAccount: verifiedLocal },
      { kind: 'sign-in', userId: 'u1' },
    ],
    [
      'both sides verified the same email: linked and signed in',
      { localAccount: verifiedLocal },
      { kind: 'link-and-sign-in', userId: 'local' },
    ],
    [
      'a provider email not verified equal to an account: refused (takeover attempt)',
      { localAccount: verifiedLocal, providerEmailVerified: false },
      { kind: 'refuse', reason: 'provider-email-unverified' },
    ],
    [
      'a local account whose email is not verified: refused',
      { localAccount: { id: 'local', isEmailVerified: false } },
      { kind: 'refuse', reason: 'local-email-unverified' },
    ],
    ['no account: a new one', {}, { kind: 'sign-up', email: 'ada@example.test' }],
    [
      'no account and sign-up closed: refused',
      { allowSignup: false },
      { kind: 'refuse', reason: 'signup-closed' },
    ],
    [
      'no account and an unverified email: refused',
      { providerEmailVerified: false },
      { kind: 'refuse', reason: 'provider-email-unverified' },
    ],
    ['no email at all: refused', { providerEmail: undefined }, { kind: 'refuse', reason: 'no-email' }],
    [
      'link mode links to the signed-in person whatever the email',
      { mode: 'link', actingUserId: 'me', providerEmail: 'other@example.test', localAccount: verifiedLocal },
      { kind: 'link', userId: 'me' },
    ],
    [
      'link mode refuses an identity of another account',
      { mode: 'link', actingUserId: 'me', identityOwnerId: 'someone' },
      { kind: 'refuse', reason: 'identity-taken' },
    ],
    [
      'link mode with an identity already theirs changes nothing',
      { mode: 'link', actingUserId: 'me', identityOwnerId: 'me' },
      { kind: 'already-linked', userId: 'me' },
    ],
  ])('%s', (_name, facts, expected) => {
    expect(decideIdentityLink({ ...base, ...facts })).toEqual(expected);
  });
});

describe('unlinking', () => {
  it('never removes the last way in', () => {
    expect(canUnlinkIdentity({ hasPassword: false, identityCount: 1 })).toBe(false);
    expect(canUnlinkIdentity({ hasPassword: false, identityCount: 2 })).toBe(true);
    expect(canUnlinkIdentity({ hasPassword: true, identityCount: 1 })).toBe(true);
  });
});
