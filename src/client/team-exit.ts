// Team pages stop showing a team's data the moment the person viewing them is no longer in it:
// removed, gone by their own hand on another device, or the team deleted. The page is cleared at
// once and replaced by the list of their teams, which says so; the server answers 404 for the
// team from then on anyway.
import { onPageChange, type PageChange } from './page-events.ts';

const GONE_URL = '/teams?saved=gone';

let isSubmitting = false;

/** Listens on /events while the page shows a team (it carries data-team-page). */
export function followTeamMembership(): void {
  const marker = document.querySelector<HTMLElement>('[data-team-page]');
  const teamId = marker?.dataset.teamId;
  const viewerId = marker?.dataset.viewerId;
  if (!teamId || !viewerId || !('EventSource' in window)) return;
  // A form of this page (leave, delete) already navigates to the server's own answer.
  document.addEventListener('submit', () => {
    isSubmitting = true;
  });
  onPageChange((change) => {
    if (isExit(change, teamId, viewerId) && !isSubmitting) leaveTeamPage();
  });
}

function isExit(change: PageChange, teamId: string, viewerId: string): boolean {
  if (change?.type !== 'team.member.changed' || change.teamId !== teamId) return false;
  if (change.change === 'team_deleted') return true;
  return (change.change === 'removed' || change.change === 'left') && change.userId === viewerId;
}

/** Clears what the page shows of the team and goes to the person's teams. */
export function leaveTeamPage(): void {
  const main = document.getElementById('main');
  if (main) {
    const note = document.createElement('p');
    note.textContent = 'You are no longer in this team.';
    main.replaceChildren(note);
  }
  location.replace(GONE_URL);
}
