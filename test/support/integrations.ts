import { connectIntegration } from '../../src/services/integrations/connect-integration.ts';
import { createProject } from '../../src/services/projects/create-project.ts';
import { createPerson } from './factories.ts';
import type { FakeGitHub } from './fakes/github.ts';
import type { FakeGitLab } from './fakes/gitlab.ts';
import type { TestApp } from './test-app.ts';

/** A new person with a project and a connection to the GitHub fake for these repositories. */
export async function connectToFakeGitHub(t: TestApp, github: FakeGitHub, repositories: string[]) {
  const actor = await createPerson(t);
  const project = await createProject(t.deps, actor, { name: 'Imported' });
  const connection = await connectIntegration(t.deps, actor, {
    provider: 'github',
    token: github.token,
    baseUrl: github.baseUrl,
    repositories,
    projectId: project.id,
  });
  return { actor, project, connection };
}

/** A new person with a project and a connection to the GitLab fake for these projects. */
export async function connectToFakeGitLab(t: TestApp, gitlab: FakeGitLab, projects: string[] | 'all') {
  const actor = await createPerson(t);
  const project = await createProject(t.deps, actor, { name: 'Imported' });
  const connection = await connectIntegration(t.deps, actor, {
    provider: 'gitlab',
    token: gitlab.token,
    baseUrl: gitlab.baseUrl,
    repositories: projects,
    projectId: project.id,
  });
  return { actor, project, connection };
}
