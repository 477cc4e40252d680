import { type AutosaveField, kindOf, revisionInputOf } from './autosave-field.ts';
import { hasConflict, removeConflict, showConflict } from './conflict-box.ts';
import { readSaveOutcome, type SaveOutcome } from './save-outcome.ts';
import { clearFieldError, showFieldError, showSaveStatus } from './save-status.ts';

const inFlight = new WeakSet<AutosaveField>();
const saveAgain = new WeakSet<AutosaveField>();

/**
 * Sends a dirty goal or notes field to its form's data-autosave-url with the revision it is based
 * on. One request per field at a time; typing meanwhile sends again afterwards. The field stays
 * dirty (and so is retried) until the server confirms exactly the text now in it. While an edit
 * conflict waits for the person's choice, nothing is sent; the text stays in the field.
 */
export async function saveField(field: AutosaveField, options: { keepalive?: boolean } = {}): Promise<void> {
  if (!field.isConnected || !field.hasAttribute('data-dirty') || hasConflict(field)) return;
  if (inFlight.has(field)) {
    saveAgain.add(field);
    return;
  }
  inFlight.add(field);
  try {
    await send(field, options.keepalive ?? false);
  } finally {
    inFlight.delete(field);
    if (saveAgain.delete(field)) void saveField(field);
  }
}

async function send(field: AutosaveField, keepalive: boolean): Promise<void> {
  const url = field.form?.dataset.autosaveUrl;
  if (!url) return;
  const kind = kindOf(field);
  const sent = field.value;
  const revision = Number(revisionInputOf(field)?.value ?? 0);
  let outcome: SaveOutcome;
  try {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-csrf-token': csrfToken(),
      },
      body: JSON.stringify({ [kind]: sent, [`${kind}Revision`]: revision }),
    });
    const body: unknown = response.redirected ? null : await response.json().catch(() => null);
    outcome = readSaveOutcome(response.status, body, kind);
  } catch {
    outcome = { kind: 'failed' };
  }
  apply(field, sent, outcome);
}

function apply(field: AutosaveField, sent: string, outcome: SaveOutcome): void {
  const kind = kindOf(field);
  if (outcome.kind === 'saved') {
    // Only this field's revision: the other field may hold unsaved text based on an older one.
    const revision = kind === 'goal' ? outcome.goalRevision : outcome.notesRevision;
    const revisionInput = revisionInputOf(field);
    if (revisionInput && revision !== undefined) revisionInput.value = String(revision);
    raiseVersion(field, outcome.version);
    if (field.value === sent) field.removeAttribute('data-dirty');
    clearFieldError(field);
    removeConflict(field);
    showSaveStatus(field, 'saved');
  } else if (outcome.kind === 'conflict') {
    const target = outcome.field && outcome.field !== kind ? otherField(field, outcome.field) : field;
    showSaveStatus(field, 'none');
    if (target) showConflict(target, outcome.text, outcome.revision, (f) => void saveField(f));
  } else if (outcome.kind === 'invalid') {
    showSaveStatus(field, 'none');
    showFieldError(field, outcome.message);
  } else {
    showSaveStatus(field, 'unsaved');
  }
}

/** The session's data-version moves forward, so this device skips the echo of its own save. */
function raiseVersion(field: AutosaveField, version: number | undefined): void {
  const holder = field.form?.closest<HTMLElement>('[data-version]');
  if (!holder || version === undefined) return;
  if (!(Number(holder.dataset.version) >= version)) holder.dataset.version = String(version);
}

function otherField(field: AutosaveField, kind: string): AutosaveField | null {
  return field.form?.querySelector<AutosaveField>(`[data-autosave="${kind}"]`) ?? null;
}

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}
