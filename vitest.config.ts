import { defineConfig } from 'vitest/config';

// Integration tests run on PGlite always, and again on PostgreSQL when TEST_DATABASE_URL is set.
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    // PGlite takes ~330 MB per instance; two workers fit a 2-core CI machine comfortably.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Inherit the root options (timeouts, workers) in every project.
        extends: true as const,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
      },
      {
        // Inherit the root options (timeouts, workers) in every project.
        extends: true as const,
        test: {
          name: 'pglite',
          include: ['test/integration/**/*.test.ts', 'test/integration/**/*.test.tsx'],
          globalSetup: ['test/support/global-setup.ts'],
          env: { TEST_DB_KIND: 'pglite' },
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/integration/**/*.test.ts', 'test/integration/**/*.test.tsx'],
                globalSetup: ['test/support/global-setup.ts'],
                env: { TEST_DB_KIND: 'postgres' },
              },
            },
          ]
        : []),
      {
        // Inherit the root options (timeouts, workers) in every project.
        extends: true as const,
        test: {
          // Real `deepsheet` processes: the command line, the data-directory lock, crash safety.
          name: 'process',
          include: ['test/process/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // Inherit the root options (timeouts, workers) in every project.
        extends: true as const,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/browser-setup.ts'],
          // Each browser test starts real server processes; run the files one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
