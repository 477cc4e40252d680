/**
 * The URLs of an RFC 8288 `Link` header by relation (`next`, `last`, …), as GitHub and GitLab send
 * them for pages. A malformed part is ignored rather than guessed at.
 */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rel = /(?:^|;)\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2]!);
    if (!rel) continue;
    for (const name of rel[1]!.trim().split(/\s+/)) links[name.toLowerCase()] ??= match[1]!;
  }
  return links;
}

/** The page number a page URL names (`page=7`), for "about N issues" from the last page's link. */
export function pageNumberOf(url: string | undefined): number | null {
  if (!url) return null;
  try {
    const page = Number(new URL(url).searchParams.get('page'));
    return Number.isInteger(page) && page > 0 ? page : null;
  } catch {
    return null;
  }
}
