/** The issue trackers a person can import from, and the states a connection can be in. */
export const INTEGRATION_PROVIDERS = ['github', 'gitlab'] as const;
export const INTEGRATION_STATUSES = ['ok', 'broken', 'rate_limited', 'failing'] as const;

export type IntegrationProvider = (typeof INTEGRATION_PROVIDERS)[number];
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

export const DEFAULT_BASE_URLS: Record<IntegrationProvider, string> = {
  github: 'https://api.github.com',
  gitlab: 'https://gitlab.com/api/v4',
};

export const PROVIDER_NAMES: Record<IntegrationProvider, string> = { github: 'GitHub', gitlab: 'GitLab' };
