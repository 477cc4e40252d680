import type { TeamRole } from '../../../domain/team-policy.ts';

export const ROLE_LABELS: Record<TeamRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export const ROLE_HINTS: Record<TeamRole, string> = {
  owner: 'everything, including renaming or deleting the team',
  admin: 'invites and removes members and viewers',
  member: 'works on the team’s tasks',
  viewer: 'reads, changes nothing',
};
