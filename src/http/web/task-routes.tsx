import { type Context, Hono } from 'hono';
import { parseSessionId } from '../../db/stores/session-ids.ts';
import { isAppError } from '../../domain/errors.ts';
import { ProjectPatch } from '../../domain/inputs/projects.ts';
import { TaskListQuery, TaskPatch } from '../../domain/inputs/tasks.ts';
import { parseOrThrow } from '../../services/create-user.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { createProject } from '../../services/projects/create-project.ts';
import { deleteProject } from '../../services/projects/delete-project.ts';
import { getProject } from '../../services/projects/get-project.ts';
import { listProjects } from '../../services/projects/list-projects.ts';
import { updateProject } from '../../services/projects/update-project.ts';
import { previewQuickAdd, quickAddTask } from '../../services/quick-add-task.ts';
import { addResource } from '../../services/resources/add-resource.ts';
import { deleteResource } from '../../services/resources/delete-resource.ts';
import { searchEverything } from '../../services/search.ts';
import { planTaskIntoSlot } from '../../services/session-tasks.ts';
import { deleteTask } from '../../services/tasks/delete-task.ts';
import { getTask } from '../../services/tasks/get-task.ts';
import { listTasks } from '../../services/tasks/list-tasks.ts';
import { updateTask } from '../../services/tasks/update-task.ts';
import { listTeams } from '../../services/teams/list-teams.ts';
import type { AppEnv } from '../context.ts';
import { STATUS_OF } from '../errors.ts';
import { requireSignIn } from '../middleware/require-sign-in.ts';
import type { AssetManifest } from './assets.ts';
import { type FormBody, parseForm } from './form-input.ts';
import { pageContext } from './page-context.ts';
import { ProjectHeader } from './tasks/project-header.tsx';
import { SearchPage } from './tasks/search-page.tsx';
import { TaskPage } from './tasks/task-page.tsx';
import { QuickAddUnderstood, type TaskFilters, TasksPage } from './tasks/tasks-page.tsx';

const text = (body: FormBody, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

const NOTICES: Record<string, string> = {
  added: 'Task added.',
  saved: 'Saved.',
  deleted: 'Task deleted.',
  project: 'Project saved.',
};

function filtersOf(c: Context<AppEnv>, projectId?: string): TaskFilters {
  const q = (key: string) => c.req.query(key) ?? '';
  return {
    projectId: projectId ?? q('projectId'),
    status: q('status'),
    type: q('type'),
    priority: q('priority'),
    q: q('q'),
    order: q('order') || 'newest',
  };
}

/** Tasks, projects, quick add, links and search pages. */
export function taskRoutes(deps: ServiceDeps, assets: AssetManifest) {
  const app = new Hono<AppEnv>();
  for (const path of [
    '/tasks',
    '/tasks/*',
    '/projects',
    '/projects/*',
    '/resources',
    '/resources/*',
    '/search',
  ])
    app.use(path, requireSignIn);
  const actor = (c: Context<AppEnv>) => c.get('actor');
  const page = (c: Context<AppEnv>) => pageContext(c, assets, 'tasks');
  /** The teams the person may share a project with: those whose projects they manage. */
  const shareableTeams = async (c: Context<AppEnv>) =>
    (await listTeams(deps, actor(c), { permission: 'projects.manage' })).map((team) => ({
      id: team.id,
      name: team.name,
    }));

  async function renderList(
    c: Context<AppEnv>,
    extra: {
      projectId?: string;
      title?: string;
      error?: string;
      quickAddText?: string;
      status?: 200 | 409 | 422;
    } = {},
  ) {
    const filters = filtersOf(c, extra.projectId);
    const query = parseOrThrow(TaskListQuery, {
      limit: 50,
      cursor: c.req.query('cursor') || undefined,
      q: filters.q || undefined,
      status: filters.status ? [filters.status] : ['todo', 'doing'],
      type: filters.type ? [filters.type] : undefined,
      priority: filters.priority ? [filters.priority] : undefined,
      projectId: filters.projectId || undefined,
      order: filters.order,
    });
    const [projects, tasks, teams] = await Promise.all([
      listProjects(deps, actor(c), { limit: 100, status: 'all', order: 'name' }),
      listTasks(deps, actor(c), query),
      shareableTeams(c),
    ]);
    const project = extra.projectId ? await getProject(deps, actor(c), extra.projectId) : undefined;
    return c.html(
      <TasksPage
        page={page(c)}
        projects={projects.items}
        teams={teams}
        tasks={tasks.items}
        nextCursor={tasks.nextCursor}
        filters={filters}
        title={project ? project.project.name : filters.projectId === 'inbox' ? 'Inbox' : 'Tasks'}
        notice={NOTICES[c.req.query('saved') ?? '']}
        error={extra.error}
        quickAddText={extra.quickAddText}
        projectHeader={
          project ? (
            <ProjectHeader access={project} teams={teams} csrfToken={c.get('csrfToken')} />
          ) : undefined
        }
      />,
      extra.status ?? 200,
    );
  }

  app.get('/tasks', (c) => renderList(c));
  app.get('/tasks/quick-add/preview', async (c) => {
    const preview = await previewQuickAdd(deps, actor(c), (c.req.query('text') ?? '').slice(0, 2000));
    return c.html(<QuickAddUnderstood preview={preview} />);
  });
  app.post('/tasks/quick-add', async (c) => {
    const body = await c.req.parseBody();
    try {
      const { task } = await quickAddTask(deps, actor(c), text(body, 'text'));
      return c.redirect(
        task.projectId ? `/projects/${task.projectId}?saved=added` : '/tasks?saved=added',
        303,
      );
    } catch (error) {
      if (!isAppError(error) || error.code !== 'validation') throw error;
      return renderList(c, {
        error: error.fields?.text ?? error.message,
        quickAddText: text(body, 'text'),
        status: 422,
      });
    }
  });
  app.get('/tasks/:id', async (c) => renderTask(c));
  app.post('/tasks/:id', async (c) => {
    const body = await c.req.parseBody();
    try {
      await updateTask(deps, actor(c), c.req.param('id'), parseForm(TaskPatch, body));
    } catch (error) {
      // A refusal that names a field (moving someone else's task out of a team) is a form error too.
      if (
        !isAppError(error) ||
        !(error.code === 'validation' || (error.code === 'forbidden' && error.fields))
      )
        throw error;
      return renderTask(c, error.fields, error.code === 'forbidden' ? 403 : 422);
    }
    return c.redirect(`/tasks/${c.req.param('id')}?saved=saved`, 303);
  });
  app.post('/tasks/:id/delete', async (c) => {
    await deleteTask(deps, actor(c), c.req.param('id'));
    return c.redirect('/tasks?saved=deleted', 303);
  });
  app.post('/tasks/:id/plan', async (c) => {
    const body = await c.req.parseBody();
    const date = orNull(text(body, 'date'));
    const planned = await planTaskIntoSlot(deps, actor(c), c.req.param('id'), date ? { date } : {});
    return c.redirect(`/day/${planned.date}#slot-${planned.slot}`, 303);
  });

  async function renderTask(
    c: Context<AppEnv>,
    errors?: Record<string, string>,
    status: 200 | 403 | 422 = 200,
  ) {
    const [detail, projects] = await Promise.all([
      getTask(deps, actor(c), c.req.param('id')!),
      listProjects(deps, actor(c), { limit: 100, status: 'all', order: 'name' }),
    ]);
    return c.html(
      <TaskPage
        page={page(c)}
        detail={detail}
        viewerId={actor(c).id}
        projects={projects.items}
        errors={errors}
        notice={NOTICES[c.req.query('saved') ?? '']}
      />,
      status,
    );
  }

  app.post('/projects', async (c) => {
    const body = await c.req.parseBody();
    try {
      const project = await createProject(deps, actor(c), {
        name: text(body, 'name'),
        teamId: orNull(text(body, 'teamId')),
      });
      return c.redirect(`/projects/${project.id}`, 303);
    } catch (error) {
      if (!isAppError(error) || !['validation', 'conflict'].includes(error.code)) throw error;
      return renderList(c, {
        error: Object.values(error.fields ?? {})[0] ?? error.message,
        status: STATUS_OF[error.code] === 409 ? 409 : 422,
      });
    }
  });
  app.get('/projects/:id', (c) => renderList(c, { projectId: c.req.param('id') }));
  app.post('/projects/:id', async (c) => {
    const body = await c.req.parseBody();
    try {
      await updateProject(deps, actor(c), c.req.param('id'), parseForm(ProjectPatch, body));
    } catch (error) {
      if (!isAppError(error) || !['validation', 'conflict'].includes(error.code)) throw error;
      return renderList(c, {
        projectId: c.req.param('id'),
        error: Object.values(error.fields ?? {})[0] ?? error.message,
        status: 422,
      });
    }
    return c.redirect(`/projects/${c.req.param('id')}?saved=project`, 303);
  });
  app.post('/projects/:id/delete', async (c) => {
    await deleteProject(deps, actor(c), c.req.param('id'));
    return c.redirect('/tasks', 303);
  });

  app.post('/resources', async (c) => {
    const body = await c.req.parseBody();
    const taskId = orNull(text(body, 'taskId'));
    const sessionId = orNull(text(body, 'sessionId'));
    const resource = await addResource(deps, actor(c), { url: text(body, 'url'), taskId, sessionId });
    if (resource.taskId) return c.redirect(`/tasks/${resource.taskId}`, 303);
    const ref = resource.sessionId ? parseSessionId(actor(c).id, resource.sessionId) : null;
    return c.redirect(ref ? `/day/${ref.date}` : '/', 303);
  });
  app.post('/resources/:id/delete', async (c) => {
    await deleteResource(deps, actor(c), c.req.param('id'));
    const back = c.req.header('referer');
    return c.redirect(
      back && new URL(back).origin === new URL(c.req.url).origin ? new URL(back).pathname : '/tasks',
      303,
    );
  });

  app.get('/search', async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    if (!q) return c.html(<SearchPage page={page(c)} q="" hits={[]} />);
    const result = await searchEverything(deps, actor(c), { q, limit: 30 });
    return c.html(<SearchPage page={page(c)} q={q} hits={result.items} />);
  });

  return app;
}
