import type { AutosaveKind } from './merge-text.ts';

/** What an autosave answer means for the field, decoded from status and JSON body. */
export type SaveOutcome =
  | {
      kind: 'saved';
      goalRevision: number | undefined;
      notesRevision: number | undefined;
      version: number | undefined;
    }
  | { kind: 'conflict'; field: AutosaveKind | undefined; text: string; revision: number }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed' };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const numberOrUndefined = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** `field` is the field that was sent, so a 422 shows that field's own message when there is one. */
export function readSaveOutcome(status: number, body: unknown, field: AutosaveKind): SaveOutcome {
  if (status >= 200 && status < 300) {
    // A 2xx without our JSON is not a save (a proxy page, or the log-in page after a redirect).
    if (!isObject(body)) return { kind: 'failed' };
    const json = body;
    return {
      kind: 'saved',
      goalRevision: numberOrUndefined(json.goalRevision),
      notesRevision: numberOrUndefined(json.notesRevision),
      version: numberOrUndefined(json.version),
    };
  }
  if (status === 409) return readConflict(body);
  if (status === 422 || status === 400) return { kind: 'invalid', message: readProblemMessage(body, field) };
  return { kind: 'failed' };
}

function readConflict(body: unknown): SaveOutcome {
  const details = isObject(body) && isObject(body.details) ? body.details : undefined;
  const current = details && isObject(details.current) ? details.current : undefined;
  const revision = numberOrUndefined(current?.revision);
  if (!current || typeof current.text !== 'string' || revision === undefined) return { kind: 'failed' };
  const field = details?.field === 'goal' || details?.field === 'notes' ? details.field : undefined;
  return { kind: 'conflict', field, text: current.text, revision };
}

/** Problem JSON varies in shape (`errors` as a list or a map, or just `detail`); take the words. */
export function readProblemMessage(body: unknown, field: AutosaveKind): string {
  const fallback = 'This could not be saved.';
  if (!isObject(body)) return fallback;
  const own = isObject(body.errors) ? collectMessages(body.errors[field]) : [];
  const messages = own.length > 0 ? own : collectMessages(body.errors);
  if (messages.length > 0) return messages.join(' ');
  if (typeof body.detail === 'string' && body.detail) return body.detail;
  if (typeof body.title === 'string' && body.title) return body.title;
  return fallback;
}

function collectMessages(errors: unknown): string[] {
  if (typeof errors === 'string') return [errors];
  if (Array.isArray(errors))
    return errors.flatMap((e) => (isObject(e) ? collectMessages(e.message) : collectMessages(e)));
  if (isObject(errors)) return Object.values(errors).flatMap(collectMessages);
  return [];
}
