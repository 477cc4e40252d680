import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectIntegration } from '../../../src/services/integrations/connect-integration.ts';
import { RetryableSyncError, syncConnection } from '../../../src/services/integrations/sync-connection.ts';
import { createProject } from '../../../src/services/projects/create-project.ts';
import { createPerson, failure } from '../../support/factories.ts';
import { type FakeGitHub, startFakeGitHub } from '../../support/fakes/github.ts';
import { connectToFake } from '../../support/integrations.ts';
import { createTestApp } from '../../support/test-app.ts';

// A self-hosted GitHub or GitLab address is one a person types in, so it gets the same SSRF guard
// as webhook endpoints. Only address literals are refused here: no name is resolved and no packet
// is sent to a private or metadata address (the guard's own tests cover names that resolve inward).
const t = await createTestApp({ now: new Date('2026-04-06T10:00:00Z') });
const strict = { ...t.deps, config: { ...t.deps.config, webhookAllowPrivate: false } };
let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(() => github.close());

describe('the address of a self-hosted instance', () => {
  it.each([
    ['a private address', 'https://10.1.2.3/api/v4'],
    ['loopback', 'https://127.0.0.1/api/v3'],
    ['the cloud metadata address', 'https://169.254.169.254/api/v4'],
    ['an IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/api/v4'],
  ])('is refused when it is %s, naming the field', async (_what, baseUrl) => {
    const actor = await createPerson(t);
    const project = await createProject(t.deps, actor, { name: 'Imported' });
    const refused = await failure(
      connectIntegration(strict, actor, {
        provider: 'gitlab',
        token: 'glpat-anything',
        baseUrl,
        repositories: 'all',
        projectId: project.id,
      }),
    );
    expect(refused.code).toBe('validation');
    expect(refused.fields?.baseUrl).toMatch(/address/);
  });

  it('is checked again before each request, so a stored address that is now refused gets nothing sent', async () => {
    github.addIssue('acme/guarded', { title: 'Never fetched' });
    const { connection } = await connectToFake(t, 'github', github, ['acme/guarded']);
    const before = github.pageRequests.length;
    const outcome = await syncConnection(strict, connection.id).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(RetryableSyncError);
    expect(github.pageRequests.length).toBe(before);
  });
});
