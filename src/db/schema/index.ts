export * from './api.ts';
export * from './auth.ts';
export * from './focus-sessions.ts';
export * from './users.ts';
export * from './work.ts';
