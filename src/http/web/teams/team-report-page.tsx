import type { Child } from 'hono/jsx';
import type { WeekStart } from '../../../domain/local-date.ts';
import type { ReportPeriod } from '../../../domain/report-periods.ts';
import { notSharingSentence, type TeamReport } from '../../../domain/team-report.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { FocusBarsChart } from '../reports/focus-bars.tsx';
import { plural } from '../reports/report-format.ts';
import {
  focusSentence,
  ProjectFocusList,
  switchesSentence,
  TaskTypeFocusList,
} from '../reports/report-summary.tsx';
import { PeriodNav, RangeForm, Section } from '../reports/reports-page.tsx';
import { SwitchChart } from '../reports/switch-chart.tsx';
import { formatMinutes } from '../sheet/format.ts';
import { TYPE_LABELS } from '../tasks/task-labels.ts';

export type TeamReportView = {
  team: { id: string; name: string };
  period: ReportPeriod;
  report: TeamReport;
  weekStart: WeekStart;
  /** What the custom range form was sent with, and what was wrong with it. */
  form?: { from: string; to: string; errors: Record<string, string> } | undefined;
};

export const teamReportPath = (teamId: string) => `/teams/${teamId}/report`;

function TeamNumbers(props: { report: TeamReport }) {
  const { sessions, focus, switches, members, membersNotSharing } = props.report;
  const quiet = notSharingSentence(membersNotSharing);
  return (
    <ul class="space-y-1" data-testid="team-report-numbers">
      <li data-testid="team-report-sessions">
        {sessions.planned === 0
          ? 'No sessions on the team’s tasks in this range yet.'
          : `${sessions.completed} of ${plural(sessions.planned, 'session')} on the team’s tasks completed · ${sessions.skipped} skipped`}
      </li>
      <li data-testid="team-report-focus">{focusSentence(focus)}</li>
      <li data-testid="team-report-switches">{switchesSentence(switches)}</li>
      <li>
        {members.length === 0
          ? 'Nobody shares their focus with the team yet.'
          : `${plural(members.length, 'member')} ${members.length === 1 ? 'shares' : 'share'} their focus with the team`}
        {quiet ? `. ${quiet}` : ''}
      </li>
    </ul>
  );
}

/** A small table of numbers, readable by a screen reader: a caption, column and row headers. */
function NumberTable(props: { caption: string; headers: string[]; rows: Child[][]; testId: string }) {
  return (
    <div class="overflow-x-auto">
      <table class="w-full text-sm" data-testid={props.testId}>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr class="border-b border-stone-200 text-stone-600 dark:border-stone-800 dark:text-stone-400">
            {props.headers.map((h, i) => (
              <th scope="col" class={`py-2 pr-3 font-medium ${i === 0 ? 'text-left' : 'text-right'}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr class="border-b border-stone-100 last:border-0 dark:border-stone-800">
              {row.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" class="py-2 pr-3 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td class="py-2 pr-3 text-right tabular-nums">{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TaskTable(props: { report: TeamReport }) {
  const { byTask } = props.report;
  if (byTask.length === 0)
    return <p class="text-sm text-stone-600 dark:text-stone-400">No completed sessions.</p>;
  return (
    <NumberTable
      caption="Focus by task"
      testId="team-report-tasks"
      headers={['Task', 'Project', 'Type', 'Sessions', 'Focus']}
      rows={byTask.map((t) => [
        t.title,
        t.projectName,
        TYPE_LABELS[t.type],
        String(t.sessions),
        formatMinutes(t.focusMinutes),
      ])}
    />
  );
}

function MemberTable(props: { report: TeamReport }) {
  const { members, membersNotSharing } = props.report;
  const quiet = notSharingSentence(membersNotSharing);
  return (
    <>
      {members.length === 0 ? (
        <p class="text-sm text-stone-600 dark:text-stone-400">Nobody shares their focus with the team yet.</p>
      ) : (
        <NumberTable
          caption="Focus by member"
          testId="team-report-members"
          headers={['Member', 'Completed', 'Interruptions', 'Focus']}
          rows={members.map((m) => [
            <>
              <span class="font-medium">{m.name}</span>{' '}
              <span class="text-stone-600 dark:text-stone-400">{m.email}</span>
            </>,
            `${m.completed} of ${m.planned}`,
            String(m.switches),
            formatMinutes(m.focusMinutes),
          ])}
        />
      )}
      {quiet ? <p class="mt-3 text-sm text-stone-600 dark:text-stone-400">{quiet}</p> : null}
    </>
  );
}

function Downloads(props: { teamId: string; report: TeamReport }) {
  const q = `from=${props.report.range.from}&to=${props.report.range.to}`;
  const base = teamReportPath(props.teamId);
  return (
    <ul class="flex flex-wrap gap-x-4">
      {(['pdf', 'csv', 'json'] as const).map((format) => (
        <li>
          <a href={`${base}.${format}?${q}`} class="link">
            {`This report as ${format.toUpperCase()}`}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * /teams/:id/report: where the team's focus went over a week, a month or a custom range, drawn
 * like the personal reports; only members who share their focus are in it.
 */
export function TeamReportPage(props: { page: PageContext; view: TeamReportView }) {
  const { team, report, period } = props.view;
  const base = teamReportPath(team.id);
  return (
    <Layout page={props.page} title={`${team.name} · Team report`}>
      <p class="mb-1 text-sm">
        <a class="link" href={`/teams/${team.id}`}>
          {team.name}
        </a>
      </p>
      <h1 class="mb-3 text-xl font-semibold">Team report</h1>
      <PeriodNav period={period} range={report.range} today={report.today} basePath={base} />
      <RangeForm form={props.view.form} range={report.range} action={base} />
      <div class="space-y-4">
        <Section id="report-summary" title="At a glance">
          <TeamNumbers report={report} />
        </Section>
        <Section id="report-days" title="Focus over the range">
          <FocusBarsChart byDay={report.byDay} weekStart={props.view.weekStart} />
        </Section>
        <Section id="report-breakdown" title="Where the focus went">
          <div class="grid gap-4 sm:grid-cols-2">
            <div>
              <h3 class="font-medium">By project</h3>
              <ProjectFocusList byProject={report.byProject} />
            </div>
            <div>
              <h3 class="font-medium">By task type</h3>
              <TaskTypeFocusList byTaskType={report.byTaskType} />
            </div>
          </div>
          <h3 class="mt-4 font-medium">By task</h3>
          <TaskTable report={report} />
        </Section>
        <Section id="report-switches" title="Interruptions">
          <SwitchChart switches={report.switches} />
        </Section>
        <Section id="report-members" title="Members">
          <MemberTable report={report} />
        </Section>
        <Section id="report-exports" title="Take it with you">
          <Downloads teamId={team.id} report={report} />
        </Section>
      </div>
    </Layout>
  );
}
