import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the schema; they are applied by the app itself on start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});
