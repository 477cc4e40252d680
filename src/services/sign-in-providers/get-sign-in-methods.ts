import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { listIdentities } from '../../db/stores/identity-store.ts';
import { AppError } from '../../domain/errors.ts';
import type { Actor, ServiceDeps } from '../deps.ts';
import { configuredProviders, type ProviderId, providerName } from './providers.ts';

export type SignInMethods = {
  email: string;
  isEmailVerified: boolean;
  hasPassword: boolean;
  identities: {
    id: string;
    provider: string;
    providerName: string;
    email: string | null;
    lastUsedAt: Date;
  }[];
  /** Configured providers the person has not linked yet. */
  linkable: { id: ProviderId; name: string }[];
};

/** The ways the actor can sign in: password or not, linked providers, and the ones left to link. */
export async function getSignInMethods(deps: ServiceDeps, actor: Actor): Promise<SignInMethods> {
  const user = (await deps.db.select().from(users).where(eq(users.id, actor.id)))[0];
  if (!user) throw new AppError('not_found', 'Account not found.');
  const identities = await listIdentities(deps.db, actor.id);
  const linked = new Set(identities.map((identity) => identity.provider));
  return {
    email: user.email,
    isEmailVerified: user.emailVerifiedAt !== null,
    hasPassword: user.passwordHash !== null,
    identities: identities.map((identity) => ({
      id: identity.id,
      provider: identity.provider,
      providerName: providerName(deps.config, identity.provider),
      email: identity.email,
      lastUsedAt: identity.lastUsedAt,
    })),
    linkable: configuredProviders(deps.config).filter((provider) => !linked.has(provider.id)),
  };
}
