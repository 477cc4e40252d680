import { z } from 'zod';
import { choice, multiLine, oneLine, recordId } from '../fields.ts';
import { PROJECT_COLORS, PROJECT_STATUSES } from '../work-values.ts';
import { PageQuery } from './page-query.ts';

const ProjectFields = {
  name: oneLine(100, 'the name').min(1, 'Give the project a name.'),
  color: choice(PROJECT_COLORS),
  description: multiLine(2000, 'the description', { isTrimmed: true }),
  status: choice(PROJECT_STATUSES),
  /** The team the project is shared with; null keeps it personal. */
  teamId: recordId('Choose one of your teams.').nullable(),
};

/** A new project: a name, the rest optional with defaults. */
export const ProjectInput = z
  .object({
    name: ProjectFields.name,
    color: ProjectFields.color.default('teal'),
    description: ProjectFields.description.default(''),
    status: ProjectFields.status.default('active'),
    teamId: ProjectFields.teamId.default(null),
  })
  .strict();
export type ProjectInput = z.input<typeof ProjectInput>;

/** A change to a project: only the fields given change. */
export const ProjectPatch = z.object(ProjectFields).partial().strict();
export type ProjectPatch = z.input<typeof ProjectPatch>;

export const ProjectListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().meta({ description: 'Search in names.' }),
  status: z.enum([...PROJECT_STATUSES, 'all']).default('all'),
  teamId: z
    .union([z.uuid(), z.literal('personal')])
    .optional()
    .meta({ description: 'A team id for that team’s projects, or `personal` for your own only.' }),
  order: z.enum(['name', 'newest']).default('name'),
});
export type ProjectListQuery = z.input<typeof ProjectListQuery>;
