import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ProjectInput, ProjectListQuery, ProjectPatch } from '../../../domain/inputs/projects.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { createProject } from '../../../services/projects/create-project.ts';
import { deleteProject } from '../../../services/projects/delete-project.ts';
import { getProject } from '../../../services/projects/get-project.ts';
import { listProjects } from '../../../services/projects/list-projects.ts';
import { updateProject } from '../../../services/projects/update-project.ts';
import type { ApiEnv } from '../context.ts';
import { commonErrors, conflict, IdParams, jsonResponse, notFound, unsupportedMedia } from '../schemas.ts';
import { presentProject } from '../work-presenters.ts';
import { Project, ProjectPage } from '../work-schemas.ts';

const ProjectBody = ProjectInput.meta({ id: 'ProjectInput' });
const ProjectChange = ProjectPatch.meta({ id: 'ProjectPatch' });

const list = createRoute({
  method: 'get',
  path: '/projects',
  operationId: 'listProjects',
  tags: ['Projects'],
  summary: 'Your projects',
  request: {
    query: ProjectListQuery,
  },
  responses: { 200: jsonResponse(ProjectPage, 'A page of projects'), ...commonErrors },
});
const create = createRoute({
  method: 'post',
  path: '/projects',
  operationId: 'createProject',
  tags: ['Projects'],
  summary: 'Create a project',
  request: { body: { required: true, content: { 'application/json': { schema: ProjectBody } } } },
  responses: {
    201: jsonResponse(Project, 'The project'),
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});
const getOne = createRoute({
  method: 'get',
  path: '/projects/{id}',
  operationId: 'getProject',
  tags: ['Projects'],
  summary: 'One project',
  request: { params: IdParams },
  responses: { 200: jsonResponse(Project, 'The project'), ...commonErrors, ...notFound },
});
const patch = createRoute({
  method: 'patch',
  path: '/projects/{id}',
  operationId: 'updateProject',
  tags: ['Projects'],
  summary: 'Change a project; fields left out keep their value',
  request: {
    params: IdParams,
    body: { required: true, content: { 'application/json': { schema: ProjectChange } } },
  },
  responses: {
    200: jsonResponse(Project, 'The project'),
    ...commonErrors,
    ...notFound,
    ...conflict,
    ...unsupportedMedia,
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/projects/{id}',
  operationId: 'deleteProject',
  tags: ['Projects'],
  summary: 'Delete a project; its tasks move to the inbox',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound },
});

export function projectRoutes(deps: ServiceDeps) {
  return new OpenAPIHono<ApiEnv>()
    .openapi(list, async (c) => {
      const page = await listProjects(deps, c.get('actor'), c.req.valid('query'));
      return c.json({ items: page.items.map(presentProject), nextCursor: page.nextCursor }, 200);
    })
    .openapi(create, async (c) =>
      c.json(presentProject(await createProject(deps, c.get('actor'), c.req.valid('json'))), 201),
    )
    .openapi(getOne, async (c) =>
      c.json(presentProject((await getProject(deps, c.get('actor'), c.req.valid('param').id)).project), 200),
    )
    .openapi(patch, async (c) =>
      c.json(
        presentProject(
          await updateProject(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')),
        ),
        200,
      ),
    )
    .openapi(remove, async (c) => {
      await deleteProject(deps, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
