/**
 * The committed migrations are the whole story: applied from zero they build the schema, and
 * drizzle-kit sees no difference between the Drizzle tables and the last committed snapshot
 * (i.e. `drizzle-kit generate` would write nothing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { migrate, readMigrations } from '../../src/platform/db/migrator.js';
import { emptyDatabase } from '../support/db.js';
import * as pgSchemas from '../../src/platform/db/pg-schemas.js';
import { DOMAIN_MODULES } from '../../src/schema.js';

describe('committed migrations', () => {
  it('apply cleanly to an empty database', async () => {
    const database = await emptyDatabase();
    try {
      const result = await migrate(database);
      expect(result.applied).toEqual(readMigrations().map((m) => m.name));
      const count = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog','information_schema')`,
      );
      expect(count[0]!.n).toBeGreaterThan(160);
    } finally {
      await database.dispose();
    }
  }, 120_000);

  it('match the Drizzle tables: drizzle-kit generate has nothing pending', async () => {
    const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { idx: number }[] };
    const last = Math.max(...journal.entries.map((e) => e.idx));
    const snapshotFile = fs
      .readdirSync('drizzle/meta')
      .find((f) => f.startsWith(`${String(last).padStart(4, '0')}_snapshot`));
    const snapshot = JSON.parse(fs.readFileSync(path.join('drizzle/meta', snapshotFile!), 'utf8'));
    const imports: Record<string, unknown> = { ...pgSchemas };
    // Every export of every table module (tables, schemas, sequences), as drizzle-kit reads them.
    for (const [domain, mod] of Object.entries(DOMAIN_MODULES)) {
      for (const [name, value] of Object.entries(mod)) imports[`${domain}:${name}`] = value;
    }
    const current = generateDrizzleJson(imports, snapshot.id);
    const pending = await generateMigration(snapshot, current);
    expect(pending, `pending changes:\n${pending.join('\n')}`).toEqual([]);
  });
});
