// drizzle-kit reads every table module; `npm run db:generate` writes a reviewed migration to drizzle/.
// Never `drizzle-kit push`: the migration files are the history the runner verifies by hash.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/platform/db/pg-schemas.ts',
    './src/platform/*/tables.ts',
    './src/domains/*/tables.ts',
    './src/domains/*/tables/*.ts',
  ],
  out: './drizzle',
  strict: true,
  verbose: false,
});
