// Keeps an open team focus board current: when a member's focus, the members or the team's tasks
// change, the board is fetched again (once for a burst) and merged in place. Between changes the
// page moves each "until 10:45" to "past the planned end" by itself when that time comes, on the
// server's clock, without asking the server.
import { Idiomorph } from 'idiomorph';
import { onPageChange, type PageChange } from './page-events.ts';
import { serverNow, syncServerClock } from './server-clock.ts';
import { isTeamExit, leaveTeamPage } from './team-exit.ts';

const BOARD_ID = 'focus-board';
// A timer action and the events around it arrive together: one fetch for all.
const SETTLE_MS = 200;
// setTimeout fires at once beyond 2^31 - 1 ms.
const MAX_DELAY_MS = 2 ** 31 - 1;

let settleTimer: ReturnType<typeof setTimeout> | undefined;
let endTimer: ReturnType<typeof setTimeout> | undefined;
let isFetching = false;
let isFetchAgain = false;

const boardElement = () => document.getElementById(BOARD_ID);

/** Follows /events while the page shows a focus board. */
export function followFocusBoard(): void {
  const board = boardElement();
  const teamId = board?.dataset.teamId;
  if (!board || !teamId) return;
  syncServerClock(board.parentElement ?? document);
  passEnds();
  document.addEventListener('visibilitychange', () => {
    // Timers of a hidden page may fire late: catch up as soon as it is seen again.
    if (document.visibilityState === 'visible') passEnds();
  });
  if (!('EventSource' in window)) return;
  onPageChange((change) => {
    // The viewer's own exit is team-exit's to handle: the board is not theirs to fetch any more.
    if (isAboutTheBoard(change, teamId) && !isTeamExit(change)) scheduleRefresh();
  });
}

function isAboutTheBoard(change: PageChange, teamId: string): boolean {
  if (change?.type === 'resync') return true;
  switch (change?.type) {
    case 'team.focus.changed':
    case 'team.member.changed':
    case 'team.task.changed':
      return change.teamId === teamId;
    default:
      return false;
  }
}

function scheduleRefresh(): void {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => {
    settleTimer = undefined;
    void refreshBoard();
  }, SETTLE_MS);
}

/** Fetches the board and merges it in; changes arriving meanwhile fetch once more after. */
async function refreshBoard(): Promise<void> {
  if (isFetching) {
    isFetchAgain = true;
    return;
  }
  isFetching = true;
  try {
    const url = boardElement()?.dataset.fragmentUrl;
    if (!url) return;
    const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    // No longer in the team (the event that said so may have been missed): nothing more to show.
    if (response.status === 404) {
      leaveTeamPage();
      return;
    }
    if (!response.ok) return;
    const template = document.createElement('template');
    template.innerHTML = await response.text();
    const next = template.content.getElementById(BOARD_ID);
    const current = boardElement();
    // Anything else (the log-in page after signing out) leaves the board as it is.
    if (!next || !current) return;
    void Idiomorph.morph(current, next, { morphStyle: 'outerHTML' });
    syncServerClock(boardElement()?.parentElement ?? document);
    passEnds();
  } catch {
    // Offline or the server restarting: the stream replays what was missed when it reconnects.
  } finally {
    isFetching = false;
    if (isFetchAgain) {
      isFetchAgain = false;
      void refreshBoard();
    }
  }
}

/**
 * Turns every planned end that has passed into what the server says after it (data-label-after),
 * hides the "next reachable" lines that no longer hold, and waits for the next end.
 */
function passEnds(): void {
  clearTimeout(endTimer);
  const board = boardElement();
  if (!board) return;
  const now = serverNow();
  let next = Number.POSITIVE_INFINITY;
  for (const element of board.querySelectorAll<HTMLElement>('[data-until]')) {
    const end = Date.parse(element.dataset.until ?? '');
    if (!Number.isFinite(end)) continue;
    if (end > now) {
      next = Math.min(next, end);
      continue;
    }
    if (element.dataset.labelAfter !== undefined) element.textContent = element.dataset.labelAfter;
    else element.hidden = true;
    delete element.dataset.until;
  }
  if (Number.isFinite(next)) endTimer = setTimeout(passEnds, Math.min(next - now + 50, MAX_DELAY_MS));
}
