import type { TestBrowser } from './http-client.ts';

/** Reads the session ids of a day's four slots from the sheet page. */
export async function sessionIdsOf(browser: TestBrowser, date?: string): Promise<string[]> {
  const html = await (await browser.get(date ? `/day/${date}` : '/')).text();
  const ids = [
    ...html.matchAll(
      /<article class="slot[^"]*" id="slot-\d" data-slot="\d" data-session-id="([0-9a-f-]+)"/g,
    ),
  ].map((m) => m[1]!);
  if (ids.length !== 4) throw new Error(`expected four slots, found ${ids.length}`);
  return ids;
}

/** Posts a timer action (and optional form fields) the way the page's buttons do. */
export function act(
  browser: TestBrowser,
  sessionId: string,
  action: string,
  fields: Record<string, string> = {},
) {
  return browser.submit(`/sessions/${sessionId}/${action}`, fields);
}

/** Text of the NOW panel's timer, e.g. "31:42" or "Time's up · +3:12". */
export async function nowTimerText(browser: TestBrowser): Promise<string | null> {
  const html = await (await browser.get('/')).text();
  const match = html.match(/<span role="timer"[^>]*>([^<]+)<\/span>/);
  return match ? match[1]!.replace('&#39;', "'") : null;
}
