import { CsrfField, type PageContext } from './layout.tsx';

/** What the settings page shows of the person's calendar feed; null while it is off. */
export type CalendarFeedView = { url: string; lastFetchedAt: Date | null } | null;

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Settings › Calendar feed: off by default; when on, the private link to copy (a plain read-only
 * field, selectable everywhere, needs no script), how to subscribe, a new link, and off.
 */
export function CalendarFeedSection(props: { page: PageContext; feed: CalendarFeedView }) {
  const { feed } = props;
  return (
    <section aria-labelledby="calendar-feed-heading" class="card" id="calendar-feed">
      <h2 id="calendar-feed-heading" class="card-title">
        Calendar feed
      </h2>
      <p class="mb-4 text-sm text-stone-600 dark:text-stone-400">
        See your planned and completed sessions in Google Calendar, Outlook or Apple Calendar. The feed covers
        the last 90 days and the next 30.
      </p>
      {feed ? <FeedOn page={props.page} feed={feed} /> : <FeedOff page={props.page} />}
    </section>
  );
}

function FeedOff(props: { page: PageContext }) {
  return (
    <form method="post" action="/settings/calendar-feed">
      <CsrfField token={props.page.csrfToken} />
      <button type="submit" class="btn-secondary">
        Create a private calendar link
      </button>
    </form>
  );
}

function FeedOn(props: { page: PageContext; feed: NonNullable<CalendarFeedView> }) {
  const { url, lastFetchedAt } = props.feed;
  return (
    <div class="space-y-4">
      <div class="field">
        <label for="calendar-feed-url" class="field-label">
          Your private calendar link
        </label>
        <input
          id="calendar-feed-url"
          class="field-input font-mono text-sm"
          readonly
          value={url}
          aria-describedby="calendar-feed-help"
          data-testid="calendar-feed-url"
        />
      </div>
      <div id="calendar-feed-help" class="space-y-2 text-sm text-stone-600 dark:text-stone-400">
        <p>
          Copy the link and add it as a subscription: in Google Calendar under Other calendars, From URL; in
          Outlook under Add calendar, Subscribe from web; in Apple Calendar with File, New Calendar
          Subscription. Calendar apps refresh it on their own schedule, often every few hours.
        </p>
        <p>Anyone with the link can read your sessions, so keep it to yourself.</p>
        <p>
          {lastFetchedAt ? (
            <>
              Last read by a calendar app{' '}
              <time datetime={lastFetchedAt.toISOString()}>{when(lastFetchedAt)}</time>.
            </>
          ) : (
            'Not read by a calendar app yet.'
          )}
        </p>
      </div>
      <div class="flex flex-wrap gap-3">
        <form method="post" action="/settings/calendar-feed/rotate">
          <CsrfField token={props.page.csrfToken} />
          <button type="submit" class="btn-secondary" aria-describedby="calendar-feed-rotate-note">
            Get a new link
          </button>
        </form>
        <form method="post" action="/settings/calendar-feed/revoke">
          <CsrfField token={props.page.csrfToken} />
          <button type="submit" class="btn-quiet">
            Turn off
          </button>
        </form>
      </div>
      <p id="calendar-feed-rotate-note" class="text-sm text-stone-600 dark:text-stone-400">
        A new link or turning the feed off stops the current link at once.
      </p>
    </div>
  );
}
