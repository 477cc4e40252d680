import type { DaySheet } from '../../../services/day-sheet.ts';
import { Layout, type PageContext } from '../layout.tsx';
import { formatDayLong } from './format.ts';
import { SheetRegion } from './sheet-region.tsx';

const SHORTCUTS: [string, string][] = [
  ['s', 'start or pause the current session'],
  ['c', 'complete'],
  ['j / k', 'next / previous session'],
  ['g', 'edit the goal'],
  ['n', 'notes'],
  ['← / →', 'previous / next day'],
  ['t', 'today'],
  ['?', 'this list'],
];

/** The daily sheet page. */
export function SheetPage(props: { page: PageContext; sheet: DaySheet }) {
  return (
    <Layout
      page={props.page}
      title={props.sheet.relation === 'today' ? 'Today' : formatDayLong(props.sheet.date)}
    >
      <SheetRegion sheet={props.sheet} csrfToken={props.page.csrfToken} />
      <div id="notify-prompt" class="notify-prompt" hidden>
        <p>Get a notification on this device when a session's time is up?</p>
        <div class="mt-2 flex gap-2">
          <button type="button" class="btn-secondary" data-notify-allow>
            Allow notifications
          </button>
          <button type="button" class="btn-quiet" data-notify-dismiss>
            Not now
          </button>
        </div>
        <p class="mt-2 text-sm">
          <a class="link" href="/settings/notifications">
            Also when the tab is closed
          </a>
        </p>
      </div>
      <dialog id="shortcuts" class="shortcuts-dialog" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title" class="mb-3 font-semibold">
          Keyboard shortcuts
        </h2>
        <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {SHORTCUTS.map(([key, what]) => (
            <>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </>
          ))}
        </dl>
        <form method="dialog" class="mt-4">
          <button type="submit" class="btn-secondary">
            Close
          </button>
        </form>
      </dialog>
    </Layout>
  );
}
