import type { Archive } from './archive-format.ts';

/**
 * What the schema alone cannot see: duplicate ids, references to rows the archive does not hold,
 * days that are not whole (a stored day has all four slots), more than one main task per session
 * or more than one running session. One message per path, at most `limit` of them.
 */
export function problemsOfArchive(archive: Archive, limit: number): Record<string, string> {
  const problems: Record<string, string> = {};
  const add = (path: string, message: string) => {
    if (Object.keys(problems).length < limit) problems[path] ??= message;
  };
  const idsOf = (section: keyof Archive, rows: { id: string }[]) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (seen.has(row.id)) add(`${section}.${i}.id`, 'This id appears twice.');
      seen.add(row.id);
    });
    return seen;
  };
  const projectIds = idsOf('projects', archive.projects);
  const taskIds = idsOf('tasks', archive.tasks);
  const sessionIds = idsOf('sessions', archive.sessions);

  const names = new Set<string>();
  archive.projects.forEach((p, i) => {
    const name = p.name.toLowerCase();
    if (names.has(name)) add(`projects.${i}.name`, 'Two projects have this name.');
    names.add(name);
  });
  archive.tasks.forEach((t, i) => {
    if (t.projectId !== null && !projectIds.has(t.projectId))
      add(`tasks.${i}.projectId`, 'No project in the archive has this id.');
  });

  const slotsByDay = new Map<string, Set<number>>();
  let running = 0;
  archive.sessions.forEach((s, i) => {
    const slots = slotsByDay.get(s.date) ?? new Set<number>();
    if (slots.has(s.slot)) add(`sessions.${i}.slot`, `Slot ${s.slot} of ${s.date} appears twice.`);
    slots.add(s.slot);
    slotsByDay.set(s.date, slots);
    if (s.state === 'active') running += 1;
    if ((s.state === 'active') !== (s.activeSince !== null))
      add(`sessions.${i}.activeSince`, 'A running session has a start of its current run, and only it.');
  });
  for (const [date, slots] of slotsByDay)
    if (slots.size !== 4) add(`sessions.${date}`, `The day ${date} has ${slots.size} of its 4 slots.`);
  if (running > 1) add('sessions', 'More than one session is running.');

  const mains = new Set<string>();
  archive.sessionTasks.forEach((l, i) => {
    if (!sessionIds.has(l.sessionId))
      add(`sessionTasks.${i}.sessionId`, 'No session in the archive has this id.');
    if (!taskIds.has(l.taskId)) add(`sessionTasks.${i}.taskId`, 'No task in the archive has this id.');
    if (l.role === 'main') {
      if (mains.has(l.sessionId)) add(`sessionTasks.${i}.role`, 'A session has one main task at most.');
      mains.add(l.sessionId);
    }
  });
  const links = new Set<string>();
  archive.sessionTasks.forEach((l, i) => {
    const key = `${l.sessionId}/${l.taskId}`;
    if (links.has(key)) add(`sessionTasks.${i}`, 'This task is linked to this session twice.');
    links.add(key);
  });
  idsOf('contextSwitches', archive.contextSwitches);
  archive.contextSwitches.forEach((s, i) => {
    if (!sessionIds.has(s.sessionId))
      add(`contextSwitches.${i}.sessionId`, 'No session in the archive has this id.');
    for (const key of ['fromTaskId', 'toTaskId'] as const) {
      const id = s[key];
      if (id !== null && !taskIds.has(id))
        add(`contextSwitches.${i}.${key}`, 'No task in the archive has this id.');
    }
  });
  idsOf('resources', archive.resources);
  archive.resources.forEach((r, i) => {
    if (r.taskId === null && r.sessionId === null)
      add(`resources.${i}`, 'A link belongs to a task or a session.');
    if (r.taskId !== null && !taskIds.has(r.taskId))
      add(`resources.${i}.taskId`, 'No task in the archive has this id.');
    if (r.sessionId !== null && !sessionIds.has(r.sessionId))
      add(`resources.${i}.sessionId`, 'No session in the archive has this id.');
  });
  const periods = new Set<string>();
  archive.insightDismissals.forEach((d, i) => {
    const key = `${d.rule}/${d.periodKey}`;
    if (periods.has(key)) add(`insightDismissals.${i}`, 'This insight appears twice.');
    periods.add(key);
  });
  return problems;
}
