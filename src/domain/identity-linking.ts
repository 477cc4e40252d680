// Who a provider sign-in belongs to, decided from facts only. This is where account takeovers
// happen, so the rules are written once and tested as a table (identity-linking.test.ts):
// - the provider's subject is the key: an identity already linked signs in its own account,
//   whatever email the provider reports today (a changed email never moves it to another account);
// - an email alone links to an existing account only when both sides have verified it;
// - a new account needs sign-up open and an email the provider vouches for.

export type LinkingFacts = {
  mode: 'sign-in' | 'link';
  /** In link mode: the signed-in person who asked to link. */
  actingUserId?: string | undefined;
  /** Whose account the provider's (provider, subject) is already linked to, if anyone's. */
  identityOwnerId: string | undefined;
  /** The email the provider gave now (lower-cased), if any. */
  providerEmail: string | undefined;
  providerEmailVerified: boolean;
  /** Our account with that email, if any, and whether its owner verified the address with us. */
  localAccount: { id: string; isEmailVerified: boolean } | undefined;
  allowSignup: boolean;
};

export type RefusalReason =
  | 'no-email'
  | 'provider-email-unverified'
  | 'local-email-unverified'
  | 'signup-closed'
  | 'identity-taken';

export type LinkingDecision =
  | { kind: 'sign-in'; userId: string }
  | { kind: 'link-and-sign-in'; userId: string }
  | { kind: 'sign-up'; email: string }
  | { kind: 'link'; userId: string }
  | { kind: 'already-linked'; userId: string }
  | { kind: 'refuse'; reason: RefusalReason };

/** Decides what a finished provider flow does. Pure: the caller loads the facts and acts. */
export function decideIdentityLink(facts: LinkingFacts): LinkingDecision {
  if (facts.mode === 'link') {
    const actor = facts.actingUserId;
    if (!actor) return { kind: 'refuse', reason: 'identity-taken' };
    if (facts.identityOwnerId === actor) return { kind: 'already-linked', userId: actor };
    if (facts.identityOwnerId) return { kind: 'refuse', reason: 'identity-taken' };
    // Signed in with us and approved at the provider: both accounts are proven to be theirs.
    return { kind: 'link', userId: actor };
  }
  if (facts.identityOwnerId) return { kind: 'sign-in', userId: facts.identityOwnerId };
  if (!facts.providerEmail) return { kind: 'refuse', reason: 'no-email' };
  if (facts.localAccount) {
    if (!facts.providerEmailVerified) return { kind: 'refuse', reason: 'provider-email-unverified' };
    if (!facts.localAccount.isEmailVerified) return { kind: 'refuse', reason: 'local-email-unverified' };
    return { kind: 'link-and-sign-in', userId: facts.localAccount.id };
  }
  if (!facts.allowSignup) return { kind: 'refuse', reason: 'signup-closed' };
  // An unverified address would let someone squat another person's email here.
  if (!facts.providerEmailVerified) return { kind: 'refuse', reason: 'provider-email-unverified' };
  return { kind: 'sign-up', email: facts.providerEmail };
}

/** What the person reads when a provider sign-in is refused, and what to do about it. */
export function refusalMessage(reason: RefusalReason, providerName: string): string {
  switch (reason) {
    case 'no-email':
      return `${providerName} did not tell us an email address, so we cannot find or open an account. Make an address visible there, or sign up with a password.`;
    case 'provider-email-unverified':
      return `${providerName} has not verified this email address, so we cannot use it to sign you in. An account may already use it: sign in with its password, then link ${providerName} under Settings › Sign-in methods.`;
    case 'local-email-unverified':
      return `An account with this email exists, but its address is not verified yet. Sign in with your password, then link ${providerName} under Settings › Sign-in methods.`;
    case 'signup-closed':
      return 'Sign-up is closed on this server, and no account here is linked to this sign-in. Ask its administrator for an account.';
    case 'identity-taken':
      return `This ${providerName} account is already linked to another Deepsheet account. Unlink it there first.`;
  }
}

/** Whether unlinking one identity leaves a way in: a password, or another linked identity. */
export function canUnlinkIdentity(facts: { hasPassword: boolean; identityCount: number }): boolean {
  return facts.hasPassword || facts.identityCount > 1;
}
