import type { ProjectListItem } from '../../../db/stores/project-store.ts';
import type { TaskDetail } from '../../../db/stores/task-store.ts';
import { CsrfField, FormAlert, Layout, type PageContext, TextField } from '../layout.tsx';
import { formatDay, formatMinutes } from '../sheet/format.ts';
import { optionsOf, SelectField } from './select-field.tsx';
import { PRIORITY_LABELS, STATUS_LABELS, TYPE_LABELS } from './task-labels.ts';
import { mayWriteTasks } from './tasks-page.tsx';

/**
 * One task: edit it, see the sessions spent on it, attach links, plan it. A team's task reads the
 * same to a viewer, without the controls their role does not have.
 */
export function TaskPage(props: {
  page: PageContext;
  detail: TaskDetail;
  projects: ProjectListItem[];
  errors?: Record<string, string> | undefined;
  notice?: string | undefined;
  viewerId: string;
}) {
  const { task, sessions, resources, focusSeconds } = props.detail;
  const errors = props.errors ?? {};
  const mayWrite = mayWriteTasks(props.detail);
  // Where the task may go: the person's own projects and those of teams where they write tasks.
  const destinations = props.projects.filter((p) => mayWriteTasks(p) || p.id === task.projectId);
  return (
    <Layout page={props.page} title={task.title}>
      <p class="mb-2 text-sm">
        <a href={task.projectId ? `/projects/${task.projectId}` : '/tasks?projectId=inbox'} class="link">
          {props.detail.project ? `‹ ${props.detail.project.name}` : '‹ Inbox'}
        </a>
      </p>
      <h1 class="mb-4 text-2xl font-semibold">{task.title}</h1>
      {task.externalId && /^https?:\/\//i.test(task.externalUrl ?? '') ? (
        // An imported issue's reference ("owner/repo#12"), linking to the issue.
        <p class="mb-4 text-sm" data-testid="issue-link">
          <a class="link" href={task.externalUrl!} rel="noopener noreferrer">
            {task.externalId}
          </a>
        </p>
      ) : null}
      <FormAlert message={props.notice} tone="info" />
      <FormAlert message={errors.projectId && !errors.title ? errors.projectId : undefined} />
      {mayWrite ? null : (
        <p class="mb-4 text-sm" data-testid="read-only">
          You can read this team’s tasks; your role does not change them.
        </p>
      )}
      <div class="grid gap-6 lg:grid-cols-2">
        <form method="post" action={`/tasks/${task.id}`} class="card space-y-3">
          <CsrfField token={props.page.csrfToken} />
          <fieldset disabled={!mayWrite} class="space-y-3">
            <TextField label="Title" name="title" value={task.title} error={errors.title} required />
            <div class="field">
              <label for="field-description" class="field-label">
                Description
              </label>
              <textarea id="field-description" name="description" rows={4} class="field-input">
                {task.description}
              </textarea>
            </div>
            <div class="grid grid-cols-2 gap-2">
              <SelectField
                label="Type"
                name="type"
                value={task.type}
                options={optionsOf(TYPE_LABELS)}
                error={errors.type}
              />
              <SelectField
                label="Priority"
                name="priority"
                value={task.priority}
                options={optionsOf(PRIORITY_LABELS)}
                error={errors.priority}
              />
              <SelectField
                label="Status"
                name="status"
                value={task.status}
                options={optionsOf(STATUS_LABELS)}
                error={errors.status}
              />
              <SelectField
                label="Project"
                name="projectId"
                value={task.projectId ?? ''}
                options={destinations.map(
                  (p) => [p.id, p.teamName ? `${p.name} · ${p.teamName}` : p.name] as const,
                )}
                any="Inbox (no project)"
                error={errors.projectId}
              />
              <TextField
                label="Estimate (sessions)"
                name="estimateSessions"
                type="number"
                inputmode="numeric"
                min={1}
                max={100}
                value={task.estimateSessions?.toString() ?? ''}
                error={errors.estimateSessions}
              />
              <TextField
                label="Due"
                name="dueDate"
                type="date"
                value={task.dueDate ?? ''}
                error={errors.dueDate}
              />
            </div>
            <TextField
              label="External link"
              name="externalUrl"
              type="url"
              value={task.externalUrl ?? ''}
              error={errors.externalUrl}
            />
            {mayWrite ? (
              <button type="submit" class="btn-secondary">
                Save task
              </button>
            ) : null}
          </fieldset>
        </form>
        <div class="space-y-4">
          <section class="card" aria-labelledby="task-sessions">
            <h2 id="task-sessions" class="card-title">
              Sessions
            </h2>
            <p
              class="mb-2 text-sm"
              data-testid="task-focus"
            >{`${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'} · ${formatMinutes(focusSeconds / 60)} of focus`}</p>
            <ul class="space-y-1 text-sm">
              {sessions.map((s) => (
                <li>
                  <a class="link" href={`/day/${s.date}`}>{`${formatDay(s.date)} · slot ${s.slot}`}</a>
                  {` · ${s.role} · ${s.state}${s.focusSeconds ? ` · ${formatMinutes(s.focusSeconds / 60)}` : ''}`}
                </li>
              ))}
            </ul>
            {mayWrite ? (
              <form
                method="post"
                action={`/tasks/${task.id}/plan`}
                class="mt-3 flex flex-wrap items-end gap-2"
              >
                <CsrfField token={props.page.csrfToken} />
                <TextField label="Day (empty for today)" name="date" type="date" />
                <button type="submit" class="btn-secondary">
                  Plan into next free slot
                </button>
              </form>
            ) : null}
          </section>
          <ResourcesSection
            csrfToken={props.page.csrfToken}
            taskId={task.id}
            resources={resources}
            mayAdd={mayWrite}
            viewerId={props.viewerId}
          />
          {mayWrite ? (
            <form
              method="post"
              action={`/tasks/${task.id}/delete`}
              hx-confirm="Delete this task? Its links to sessions go too."
            >
              <CsrfField token={props.page.csrfToken} />
              <button type="submit" class="btn-quiet">
                Delete task
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

export function ResourcesSection(props: {
  csrfToken: string;
  taskId?: string;
  sessionId?: string;
  resources: TaskDetail['resources'];
  /** False to a team's viewer, who reads the links but adds none. */
  mayAdd?: boolean;
  /** Who is looking: links are removed by the person who added them. */
  viewerId?: string;
}) {
  const owner = props.taskId
    ? { name: 'taskId', value: props.taskId }
    : { name: 'sessionId', value: props.sessionId ?? '' };
  return (
    <section class="card" aria-labelledby={`resources-${owner.value}`}>
      <h2 id={`resources-${owner.value}`} class="card-title">
        Links
      </h2>
      <ul class="mb-3 space-y-1 text-sm">
        {props.resources.map((r) => (
          <li class="flex items-center justify-between gap-2">
            <a
              class="link truncate"
              href={r.url}
              rel="noopener noreferrer nofollow"
              target="_blank"
            >{`${r.title} (${r.kind.replace('_', ' ')})`}</a>
            {props.viewerId === undefined || r.userId === props.viewerId ? (
              <form method="post" action={`/resources/${r.id}/delete`}>
                <CsrfField token={props.csrfToken} />
                <button type="submit" class="btn-quiet" aria-label={`Remove ${r.title}`}>
                  Remove
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {props.mayAdd === false ? null : (
        <form method="post" action="/resources" class="flex flex-wrap items-end gap-2">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name={owner.name} value={owner.value} />
          <TextField label="Add a link" name="url" type="url" required />
          <button type="submit" class="btn-secondary">
            Add link
          </button>
        </form>
      )}
    </section>
  );
}
