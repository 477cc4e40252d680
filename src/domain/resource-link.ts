// The same values as the resources table's kind enum; the domain names them without the schema.
import type { ResourceKind } from './work-values.ts';

export type { ResourceKind };
export type ResourceLink = { kind: ResourceKind; title: string };

const MAX_OTHER_TITLE = 120;
const NUMBER = /^\d+$/;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;
const GOOGLE_KINDS: Readonly<Record<string, string>> = {
  document: 'Google Docs document',
  spreadsheets: 'Google Sheets spreadsheet',
  presentation: 'Google Slides presentation',
};

type Rule = (host: string, path: string[]) => ResourceLink | null;

/**
 * What a link points at, read from the URL alone (never fetched): a pull request, issue, doc or
 * design on a known host with a title such as "owner/repo#12", or 'other' titled by host and path.
 * Null for anything that is not an absolute http(s) URL without credentials (javascript:, data:,
 * relative paths, text).
 */
export function describeResourceLink(url: string): ResourceLink | null {
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  const host = parsed.host.toLowerCase().replace(/^www\./, '');
  const path = parsed.pathname.split('/').filter(Boolean).map(decodeSegment);
  for (const rule of RULES) {
    const link = rule(host, path);
    if (link) return link;
  }
  return { kind: 'other', title: shorten(`${host}${path.length > 0 ? `/${path.join('/')}` : ''}`) };
}

function parseHttpUrl(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed;
}

const github: Rule = (host, [owner, repo, what, number]) => {
  if (host !== 'github.com' || !owner || !repo || !number || !NUMBER.test(number)) return null;
  if (what === 'pull') return { kind: 'pull_request', title: `${owner}/${repo}#${number}` };
  if (what === 'issues') return { kind: 'issue', title: `${owner}/${repo}#${number}` };
  return null;
};

/** GitLab groups nest, so the project path is everything before the `/-/` separator. */
const gitlab: Rule = (host, path) => {
  const dash = path.indexOf('-');
  if (host !== 'gitlab.com' || dash < 2) return null;
  const project = path.slice(0, dash).join('/');
  const [what, number] = path.slice(dash + 1);
  if (!number || !NUMBER.test(number)) return null;
  if (what === 'merge_requests') return { kind: 'pull_request', title: `${project}!${number}` };
  if (what === 'issues') return { kind: 'issue', title: `${project}#${number}` };
  return null;
};

const googleDocs: Rule = (host, [what]) =>
  host === 'docs.google.com' ? { kind: 'doc', title: (what && GOOGLE_KINDS[what]) || 'Google Docs' } : null;

const notion: Rule = (host) =>
  host === 'notion.so' || host.endsWith('.notion.so') || host.endsWith('.notion.site')
    ? { kind: 'doc', title: 'Notion page' }
    : null;

const figma: Rule = (host) => (host === 'figma.com' ? { kind: 'design', title: 'Figma file' } : null);

const jira: Rule = (host, [browse, key]) =>
  host.endsWith('.atlassian.net') && browse === 'browse' && key && ISSUE_KEY.test(key)
    ? { kind: 'issue', title: key }
    : null;

const linear: Rule = (host, path) => {
  const key = path[path.indexOf('issue') + 1];
  return host === 'linear.app' && path.includes('issue') && key && ISSUE_KEY.test(key)
    ? { kind: 'issue', title: key }
    : null;
};

const RULES: readonly Rule[] = [github, gitlab, googleDocs, notion, figma, jira, linear];

/** Decoded for reading, minus control characters a crafted URL could smuggle into a title. */
function decodeSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // a stray '%' stays as typed
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return decoded.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '');
}

function shorten(text: string): string {
  return text.length <= MAX_OTHER_TITLE ? text : `${text.slice(0, MAX_OTHER_TITLE - 1)}…`;
}
