import type { TableKind } from './export-range.ts';
import { sessionSource } from './session-source.ts';
import type { TableSource } from './table-source.ts';
import { switchSource, taskSource } from './work-sources.ts';

/** Every table an export streams, by the kind the URL names. */
export const TABLE_SOURCES: Record<TableKind, TableSource> = {
  sessions: sessionSource,
  tasks: taskSource,
  'context-switches': switchSource,
};
