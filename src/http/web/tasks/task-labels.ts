/** How task and project values read on the page. */
export const TYPE_LABELS = {
  bug: 'Bug',
  feature: 'Feature',
  refactor: 'Refactor',
  research: 'Research',
  chore: 'Chore',
  admin: 'Admin',
} as const;
export const PRIORITY_LABELS = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' } as const;
export const STATUS_LABELS = { todo: 'To do', doing: 'Doing', done: 'Done', dropped: 'Dropped' } as const;
export const PROJECT_STATUS_LABELS = {
  active: 'Active',
  paused: 'Paused',
  done: 'Done',
  archived: 'Archived',
} as const;
export const REASON_LABELS = {
  meeting: 'Meeting',
  message: 'Message',
  colleague: 'Colleague',
  urgent: 'Urgent issue',
  own_idea: 'Own idea',
  break: 'Break',
  other: 'Other',
} as const;
export const OUTCOME_LABELS = {
  done: 'Done',
  progressed: 'Progressed',
  blocked: 'Blocked',
  nothing: 'Nothing came of it',
} as const;
