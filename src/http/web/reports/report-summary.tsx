import type { FocusSplit, Report } from '../../../domain/report.ts';
import { formatMinutes } from '../sheet/format.ts';
import { OUTCOME_LABELS as NOTED_OUTCOMES, TYPE_LABELS } from '../tasks/task-labels.ts';
import { formatPercent, plural } from './report-format.ts';

const OUTCOME_LABELS = { ...NOTED_OUTCOMES, none: 'Not noted' } as const;

/** "3 h 35 min focused: 3 h 15 min personal, 20 min admin" */
export function focusSentence(focus: FocusSplit): string {
  return `${formatMinutes(focus.focusMinutes)} focused: ${formatMinutes(focus.personalMinutes)} personal, ${formatMinutes(focus.adminMinutes)} admin`;
}

/** "4 interruptions, 1.1 per focus hour", or that there were none. */
export function switchesSentence(switches: Report['switches']): string {
  if (switches.total === 0) return 'No interruptions recorded';
  const rate = switches.perFocusHour === null ? '' : `, ${switches.perFocusHour.toFixed(1)} per focus hour`;
  return `${plural(switches.total, 'interruption')}${rate}`;
}

/** The report's numbers as short sentences: what was planned and done, focus, streaks, interruptions. */
export function ReportNumbers(props: { report: Report }) {
  const { sessions, focus, streaks, switches } = props.report;
  const current = streaks.current;
  return (
    <ul class="space-y-1" data-testid="report-numbers">
      <li data-testid="report-sessions">
        {sessions.planned === 0
          ? 'Nothing planned in this range yet.'
          : `${sessions.completed} of ${sessions.planned} planned sessions completed (${formatPercent(sessions.completed, sessions.planned)}) · ${sessions.skipped} skipped`}
      </li>
      <li>{`${sessions.personalCompleted} personal · ${sessions.adminCompleted} admin completed`}</li>
      <li data-testid="report-focus">
        {focusSentence(focus)}
        {focus.overtimeMinutes > 0 ? ` (${formatMinutes(focus.overtimeMinutes)} beyond plan)` : ''}
      </li>
      <li data-testid="report-streaks">
        {`${plural(focus.focusedDays, 'focused day')} · longest run ${plural(streaks.longestInRange, 'day')} · current streak ${plural(current.length, 'day')}${current.needsToday ? ', keep it going today' : ''}`}
      </li>
      <li data-testid="report-switches">{switchesSentence(switches)}</li>
    </ul>
  );
}

/** Focus by project, busiest first. */
export function ProjectFocusList(props: { byProject: Report['byProject'] }) {
  const { byProject } = props;
  return byProject.length === 0 ? (
    <p class="text-sm text-stone-600 dark:text-stone-400">No completed sessions.</p>
  ) : (
    <ul class="text-sm" data-testid="report-projects">
      {byProject.map((p) => (
        <li>{`${p.name ?? 'No project'}: ${formatMinutes(p.focusMinutes)} · ${plural(p.sessions, 'session')}`}</li>
      ))}
    </ul>
  );
}

/** Focus by task type, the types with sessions only. */
export function TaskTypeFocusList(props: { byTaskType: Report['byTaskType'] }) {
  const types = props.byTaskType.filter((t) => t.sessions > 0);
  return types.length === 0 ? (
    <p class="text-sm text-stone-600 dark:text-stone-400">No completed sessions.</p>
  ) : (
    <ul class="text-sm" data-testid="report-task-types">
      {types.map((t) => (
        <li>{`${t.type === 'none' ? 'No main task' : TYPE_LABELS[t.type]}: ${formatMinutes(t.focusMinutes)} · ${plural(t.sessions, 'session')}`}</li>
      ))}
    </ul>
  );
}

/** Where the focus went: by project and task type (through each session's main task), and outcomes. */
export function ReportBreakdown(props: { report: Report }) {
  const { byProject, byTaskType, outcomes } = props.report;
  return (
    <div class="grid gap-4 sm:grid-cols-3">
      <div>
        <h3 class="font-medium">By project</h3>
        <ProjectFocusList byProject={byProject} />
      </div>
      <div>
        <h3 class="font-medium">By task type</h3>
        <TaskTypeFocusList byTaskType={byTaskType} />
      </div>
      <div>
        <h3 class="font-medium">Outcomes</h3>
        <ul class="text-sm" data-testid="report-outcomes">
          {(Object.keys(OUTCOME_LABELS) as (keyof typeof OUTCOME_LABELS)[]).map((o) => (
            <li>{`${OUTCOME_LABELS[o]}: ${outcomes[o]}`}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
