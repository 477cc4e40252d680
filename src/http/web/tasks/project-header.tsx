import type { ProjectRow } from '../../../db/schema/index.ts';
import { PROJECT_COLORS } from '../../../domain/work-values.ts';
import { CsrfField, TextField } from '../layout.tsx';
import { SelectField } from './select-field.tsx';
import { PROJECT_STATUS_LABELS } from './task-labels.ts';

/** The project's own settings, folded away above its task list. */
export function ProjectHeader(props: { project: ProjectRow; csrfToken: string }) {
  const p = props.project;
  return (
    <details class="card">
      <summary class="notes-summary">Project details</summary>
      {p.description ? <p class="mt-2 text-sm">{p.description}</p> : null}
      <form method="post" action={`/projects/${p.id}`} class="mt-3 space-y-3">
        <CsrfField token={props.csrfToken} />
        <TextField label="Name" name="name" value={p.name} required />
        <div class="field">
          <label for="field-project-description" class="field-label">
            Description
          </label>
          <textarea id="field-project-description" name="description" rows={3} class="field-input">
            {p.description}
          </textarea>
        </div>
        <div class="grid grid-cols-2 gap-2">
          <SelectField
            label="Colour"
            name="color"
            value={p.color}
            options={PROJECT_COLORS.map((c) => [c, c] as const)}
          />
          <SelectField
            label="Status"
            name="status"
            value={p.status}
            options={Object.entries(PROJECT_STATUS_LABELS)}
          />
        </div>
        <button type="submit" class="btn-secondary">
          Save project
        </button>
      </form>
      <form
        method="post"
        action={`/projects/${p.id}/delete`}
        class="mt-3"
        hx-confirm="Delete this project? Its tasks move to the inbox."
      >
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="btn-quiet">
          Delete project
        </button>
      </form>
    </details>
  );
}
