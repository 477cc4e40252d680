export * from './api.ts';
export * from './auth.ts';
export * from './focus-sessions.ts';
export * from './integrations.ts';
export * from './reflection.ts';
export * from './teams.ts';
export * from './users.ts';
export * from './work.ts';
