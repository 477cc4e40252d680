/** An issue a pull request's text points at: in its own repository unless it names another. */
export type IssueReference = { repository: string; number: number };

// GitHub: "#12", "owner/repo#12", https://host/owner/repo/issues/12 (and "Fixes #12", which holds
// "#12"). GitLab: the same with nested groups, and https://host/group/project/-/issues/12.
const URL_REF = /https?:\/\/[^\s/]+\/((?:[\w.-]+\/)+[\w.-]+?)\/(?:-\/)?issues\/(\d+)/g;
const REPO_REF = /(?:^|[\s([,;])((?:[\w.-]+\/)+[\w.-]+)#(\d+)\b/g;
const LOCAL_REF = /(?:^|[\s([,;:])#(\d+)\b/g;

/** Every issue the text refers to, once each, by repository and number. */
export function referencedIssues(text: string, ownRepository: string): IssueReference[] {
  const found = new Map<string, IssueReference>();
  const add = (repository: string, number: string) => {
    const ref = { repository, number: Number(number) };
    if (ref.number > 0 && Number.isSafeInteger(ref.number)) found.set(`${repository}#${ref.number}`, ref);
  };
  const withoutUrls = text.replace(URL_REF, (_all, repository: string, number: string) => {
    add(repository.replace(/\/-$/, ''), number);
    return ' ';
  });
  for (const match of withoutUrls.matchAll(REPO_REF)) add(match[1]!, match[2]!);
  for (const match of withoutUrls.matchAll(LOCAL_REF)) add(ownRepository, match[1]!);
  return [...found.values()].sort((a, b) => a.repository.localeCompare(b.repository) || a.number - b.number);
}
