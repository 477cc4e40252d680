import type { IntegrationProvider } from '../../src/domain/integration-values.ts';
import { connectIntegration } from '../../src/services/integrations/connect-integration.ts';
import { createProject } from '../../src/services/projects/create-project.ts';
import { createPerson } from './factories.ts';
import type { TestApp } from './test-app.ts';

/**
 * A new person with a project and a connection to a tracker fake (GitHub's or GitLab's) for these
 * repositories, or for all it lets the token see.
 */
export async function connectToFake(
  t: TestApp,
  provider: IntegrationProvider,
  fake: { token: string; baseUrl: string },
  repositories: string[] | 'all',
) {
  const actor = await createPerson(t);
  const project = await createProject(t.deps, actor, { name: 'Imported' });
  const connection = await connectIntegration(t.deps, actor, {
    provider,
    token: fake.token,
    baseUrl: fake.baseUrl,
    repositories,
    projectId: project.id,
  });
  return { actor, project, connection };
}
