import { z } from 'zod';
import { INTEGRATION_PROVIDERS } from '../integration-values.ts';

const Repository = z
  .string()
  .trim()
  .regex(/^[\w.-]+(\/[\w.-]+)+$/, 'Write a repository as owner/name (GitLab: group/project).')
  .max(300);

/** Connecting GitHub or GitLab: which account (by its token), which repositories, into which project. */
export const IntegrationInput = z
  .object({
    provider: z.enum(INTEGRATION_PROVIDERS),
    token: z.string().trim().min(1, 'Paste a token.').max(500),
    baseUrl: z.string().trim().max(500).optional(),
    repositories: z.union([z.literal('all'), z.array(Repository).min(1).max(200)]),
    projectId: z.uuid('Choose a project.'),
  })
  .strict();
export type IntegrationInput = z.input<typeof IntegrationInput>;
