import type { ProjectListItem } from '../../../db/stores/project-store.ts';
import type { TaskListItem } from '../../../db/stores/task-store.ts';
import type { QuickAddPreview } from '../../../domain/quick-add.ts';
import { hasTeamPermission } from '../../../domain/team-policy.ts';
import { CsrfField, FormAlert, Layout, type PageContext } from '../layout.tsx';
import { formatDay, formatMinutes } from '../sheet/format.ts';
import { optionsOf, SelectField } from './select-field.tsx';
import { PRIORITY_LABELS, STATUS_LABELS, TYPE_LABELS } from './task-labels.ts';

export type TaskFilters = {
  projectId: string;
  status: string;
  type: string;
  priority: string;
  q: string;
  order: string;
};

/** A team a new project may be shared with (the person manages its projects). */
export type ShareableTeam = { id: string; name: string };

export type TasksPageProps = {
  page: PageContext;
  projects: ProjectListItem[];
  teams: ShareableTeam[];
  tasks: TaskListItem[];
  nextCursor: string | null;
  filters: TaskFilters;
  title: string;
  notice?: string | undefined;
  error?: string | undefined;
  quickAddText?: string | undefined;
  preview?: QuickAddPreview | undefined;
  projectHeader?: unknown;
};

/** Inbox and projects: quick add on top, filters, then a calm list with one action per task. */
export function TasksPage(props: TasksPageProps) {
  const projectOf = new Map(props.projects.map((p) => [p.id, p]));
  return (
    <Layout page={props.page} title={props.title}>
      <div class="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div class="space-y-4">
          <h1 class="text-2xl font-semibold">{props.title}</h1>
          {props.projectHeader ?? null}
          <FormAlert message={props.notice} tone="info" />
          <FormAlert message={props.error} />
          <QuickAdd
            page={props.page}
            text={props.quickAddText}
            preview={props.preview}
            projectId={props.filters.projectId}
          />
          <Filters filters={props.filters} />
          <ul class="space-y-2" data-testid="task-list">
            {props.tasks.length === 0 ? (
              <li class="text-stone-600 dark:text-stone-400">No tasks here yet.</li>
            ) : null}
            {props.tasks.map((task) => (
              <TaskRowView
                task={task}
                project={task.projectId ? projectOf.get(task.projectId) : undefined}
                csrfToken={props.page.csrfToken}
              />
            ))}
          </ul>
          {props.nextCursor ? (
            <a class="link" href={`?${new URLSearchParams({ ...props.filters, cursor: props.nextCursor })}`}>
              More tasks
            </a>
          ) : null}
        </div>
        <ProjectsRail
          projects={props.projects}
          teams={props.teams}
          current={props.filters.projectId}
          csrfToken={props.page.csrfToken}
        />
      </div>
    </Layout>
  );
}

function QuickAdd(props: {
  page: PageContext;
  text?: string | undefined;
  preview?: QuickAddPreview | undefined;
  projectId: string;
}) {
  return (
    <form method="post" action="/tasks/quick-add" class="card space-y-2">
      <CsrfField token={props.page.csrfToken} />
      <label for="quick-add" class="field-label">
        Add a task
      </label>
      <div class="flex gap-2">
        <input
          id="quick-add"
          name="text"
          class="field-input"
          value={props.text ?? ''}
          placeholder="Fix login redirect #web !high tomorrow"
          autocomplete="off"
          data-search
          hx-get="/tasks/quick-add/preview"
          hx-trigger="input changed delay:250ms"
          hx-target="#quick-add-preview"
          hx-swap="innerHTML"
          aria-describedby="quick-add-preview"
        />
        <button type="submit" class="btn-primary">
          Add
        </button>
      </div>
      <div id="quick-add-preview" aria-live="polite">
        {props.preview ? <QuickAddUnderstood preview={props.preview} /> : null}
      </div>
    </form>
  );
}

/** What the quick-add line was understood as, shown before saving. */
export function QuickAddUnderstood(props: { preview: QuickAddPreview }) {
  const p = props.preview;
  if (!p.title && p.understood.length === 0) return null;
  return (
    <p class="text-sm text-stone-600 dark:text-stone-400" data-testid="quick-add-understood">
      {[`“${p.title}”`, ...p.understood].join(' · ')}
    </p>
  );
}

function Filters(props: { filters: TaskFilters }) {
  const f = props.filters;
  return (
    <form method="get" class="grid grid-cols-2 gap-2 sm:grid-cols-6" aria-label="Filter tasks">
      {f.projectId ? <input type="hidden" name="projectId" value={f.projectId} /> : null}
      <div class="field col-span-2 sm:col-span-1">
        <label for="field-q" class="field-label">
          Find
        </label>
        <input id="field-q" name="q" type="search" value={f.q} class="field-input" />
      </div>
      <SelectField
        label="Status"
        name="status"
        value={f.status}
        options={optionsOf(STATUS_LABELS)}
        any="Open"
      />
      <SelectField label="Type" name="type" value={f.type} options={optionsOf(TYPE_LABELS)} any="Any type" />
      <SelectField
        label="Priority"
        name="priority"
        value={f.priority}
        options={optionsOf(PRIORITY_LABELS)}
        any="Any priority"
      />
      <SelectField
        label="Order"
        name="order"
        value={f.order}
        options={[
          ['newest', 'Newest'],
          ['priority', 'Priority'],
          ['due', 'Due date'],
          ['oldest', 'Oldest'],
        ]}
      />
      <div class="flex items-end">
        <button type="submit" class="btn-secondary w-full">
          Show
        </button>
      </div>
    </form>
  );
}

/** Whether the person may change a task in this project: always their own, by role in a team's. */
export function mayWriteTasks(project: Pick<ProjectListItem, 'role'> | undefined): boolean {
  return !project?.role || hasTeamPermission(project.role, 'tasks.write');
}

function TaskRowView(props: {
  task: TaskListItem;
  project?: ProjectListItem | undefined;
  csrfToken: string;
}) {
  const t = props.task;
  const p = props.project;
  const facts = [
    TYPE_LABELS[t.type],
    t.priority !== 'normal' ? PRIORITY_LABELS[t.priority] : '',
    p ? `#${p.name}` : '',
    p?.teamName ? p.teamName : '',
    t.dueDate ? `due ${formatDay(t.dueDate)}` : '',
    t.sessionCount > 0
      ? `${t.sessionCount} ${t.sessionCount === 1 ? 'session' : 'sessions'} · ${formatMinutes(t.focusSeconds / 60)}`
      : '',
    t.status !== 'todo' ? STATUS_LABELS[t.status] : '',
  ].filter(Boolean);
  return (
    <li class="card flex flex-wrap items-center justify-between gap-2">
      <div class="min-w-0">
        <a href={`/tasks/${t.id}`} class="link font-medium">
          {t.title}
        </a>
        <p class="text-sm text-stone-600 dark:text-stone-400">{facts.join(' · ')}</p>
      </div>
      {(t.status === 'todo' || t.status === 'doing') && mayWriteTasks(p) ? (
        <form method="post" action={`/tasks/${t.id}/plan`}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="btn-quiet" aria-label={`Plan into next free slot: “${t.title}”`}>
            Plan into next free slot
          </button>
        </form>
      ) : null}
    </li>
  );
}

function ProjectsRail(props: {
  projects: ProjectListItem[];
  teams: ShareableTeam[];
  current: string;
  csrfToken: string;
}) {
  const link = (href: string, label: string, isCurrent: boolean) => (
    <a href={href} class="nav-link justify-start px-2" aria-current={isCurrent ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <aside class="space-y-3" aria-label="Projects">
      <nav class="card flex flex-col">
        {link('/tasks', 'All tasks', props.current === '')}
        {link('/tasks?projectId=inbox', 'Inbox', props.current === 'inbox')}
        {props.projects.map((p) =>
          link(
            `/projects/${p.id}`,
            `${p.name}${p.teamName ? ` · ${p.teamName}` : ''} (${p.openTasks})`,
            props.current === p.id,
          ),
        )}
      </nav>
      <form method="post" action="/projects" class="card space-y-2">
        <CsrfField token={props.csrfToken} />
        <label for="new-project" class="field-label">
          New project
        </label>
        <input id="new-project" name="name" class="field-input" required maxlength={100} />
        {props.teams.length > 0 ? (
          <SelectField
            label="Shared with"
            name="teamId"
            id="new-project-team"
            value=""
            options={props.teams.map((team) => [team.id, team.name] as const)}
            any="Just me"
          />
        ) : null}
        <button type="submit" class="btn-secondary w-full">
          Create project
        </button>
      </form>
    </aside>
  );
}
