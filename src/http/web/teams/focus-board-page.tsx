import { boardTimeOf } from '../../../domain/team-focus.ts';
import type { FocusBoard, FocusBoardMember } from '../../../services/teams/get-focus-board.ts';
import { memberNameOf } from '../../api/team-presenters.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { TeamPageMarker } from './team-page-marker.tsx';

/** /teams/:id/focus: who is in focus, on a break or not working, and when they are next reachable. */
export function FocusBoardPage(props: { page: PageContext; board: FocusBoard }) {
  const { board } = props;
  const self = board.members.find((m) => m.userId === board.viewerId);
  return (
    <Layout page={props.page} title={`Focus board · ${board.team.name}`}>
      <TeamPageMarker teamId={board.team.id} viewerId={board.viewerId} />
      <p class="mb-1 text-sm">
        <a class="link" href={`/teams/${board.team.id}`}>
          {board.team.name}
        </a>
      </p>
      <h1 class="mb-1 text-2xl font-semibold">Focus board</h1>
      <p class="mb-6 text-stone-600 dark:text-stone-400">
        {`Who is in focus, and when they are next free. Times are in your time zone (${board.timeZone}).`}
      </p>
      <FocusBoardRegion board={board} />
      {self?.sharesFocus ? (
        <p class="mt-4 text-sm text-stone-600 dark:text-stone-400">
          You share your focus with this team: they see when you are in focus, never your goals or notes.
        </p>
      ) : (
        <p class="mt-4 text-sm text-stone-600 dark:text-stone-400">
          Your focus stays private here.{' '}
          <a class="link" href={`/teams/${board.team.id}#focus-heading`}>
            Choose to share it
          </a>
        </p>
      )}
    </Layout>
  );
}

/**
 * The board itself: also the fragment an open page fetches again and merges in when the team's
 * focus or members change (/teams/:id/focus/board). Each planned end carries its instant
 * (data-until) and what the line says once it has passed, so the page turns "until 10:45" into
 * "past the planned end" by itself, without asking the server.
 */
export function FocusBoardRegion(props: { board: FocusBoard }) {
  const { board } = props;
  const sharing = board.members.filter((m) => m.sharesFocus);
  const private_ = board.members.filter((m) => !m.sharesFocus);
  return (
    <section
      id="focus-board"
      aria-labelledby="focus-board-heading"
      class="card"
      data-fragment-url={`/teams/${board.team.id}/focus/board`}
      data-team-id={board.team.id}
      data-server-now={String(board.asOf.getTime())}
    >
      <h2 id="focus-board-heading" class="sr-only">
        Members
      </h2>
      {sharing.length === 0 ? (
        <p class="text-stone-600 dark:text-stone-400" data-testid="board-empty">
          Nobody shares their focus with this team yet.
        </p>
      ) : (
        <ul class="divide-y divide-stone-200 dark:divide-stone-800">
          {sharing.map((m) => (
            <MemberLine member={m} board={board} />
          ))}
        </ul>
      )}
      {private_.length > 0 ? (
        <p class="mt-4 text-sm text-stone-600 dark:text-stone-400" data-testid="board-not-sharing">
          {`Not sharing their focus: ${private_.map((m) => nameOf(m, board)).join(', ')}.`}
        </p>
      ) : null}
    </section>
  );
}

const STATUS_CLASS: Record<string, string> = {
  focus: 'text-teal-800 dark:text-teal-300',
  break: 'text-amber-800 dark:text-amber-300',
  not_working: 'text-stone-600 dark:text-stone-400',
};

function nameOf(member: FocusBoardMember, board: FocusBoard): string {
  const name = memberNameOf(member.email);
  return member.userId === board.viewerId ? `${name} (you)` : name;
}

function MemberLine(props: { member: FocusBoardMember; board: FocusBoard }) {
  const { member, board } = props;
  const until = member.until?.toISOString();
  return (
    <li
      class="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3"
      data-member-id={member.userId}
      data-status={member.status ?? undefined}
    >
      <span class="font-medium">{nameOf(member, board)}</span>{' '}
      <span class="sm:text-right">
        <span
          class={STATUS_CLASS[member.status ?? 'not_working']}
          data-focus-label
          data-until={until}
          data-label-after={member.labelAfterUntil ?? undefined}
        >
          {member.label}
        </span>{' '}
        {member.reachableAt ? (
          <span
            class="block text-sm text-stone-600 dark:text-stone-400"
            data-reachable
            data-until={member.reachableAt.toISOString()}
          >
            {`next reachable at ${boardTimeOf(member.reachableAt, board.asOf, board.timeZone)}`}
          </span>
        ) : null}
      </span>
    </li>
  );
}
