// Team pages stop showing a team's data the moment the person viewing them is no longer in it:
// removed, gone by their own hand on another device, or the team deleted. The page is cleared at
// once and replaced by the list of their teams, which says so; the server answers 404 for the
// team from then on anyway.
import { onPageChange, type PageChange } from './page-events.ts';

const GONE_URL = '/teams?saved=gone';

let isSubmitting = false;

/** Listens on /events while the page shows a team (it carries data-team-page). */
export function followTeamMembership(): void {
  if (!document.querySelector('[data-team-page]') || !('EventSource' in window)) return;
  // A form of this page (leave, delete) already navigates to the server's own answer.
  document.addEventListener('submit', () => {
    isSubmitting = true;
  });
  onPageChange((change) => {
    if (isTeamExit(change) && !isSubmitting) leaveTeamPage();
  });
}

/** Whether `change` ends the viewer's membership of the team this page shows. */
export function isTeamExit(change: PageChange): boolean {
  const marker = document.querySelector<HTMLElement>('[data-team-page]');
  const { teamId, viewerId } = marker?.dataset ?? {};
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
