/**
 * Developer aid: `npx tsx scripts/check-tables.ts src/domains/x/tables.ts [more files…]`
 * Generates the DDL drizzle-kit would write for the given table modules (plus the tenants table)
 * and applies it to a fresh in-memory PGlite, printing the first failing statement if any.
 * It writes nothing to the repository's migrations.
 */
import { PGlite } from '@electric-sql/pglite';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: tsx scripts/check-tables.ts <tables module> [...]');
  process.exit(2);
}
const imports: Record<string, unknown> = {
  ...(await import('../src/platform/db/pg-schemas.js')),
  ...(await import('../src/platform/tenancy/tables.js')),
};
for (const file of files) {
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(mod)) imports[`${file}:${k}`] = v;
}
const empty = generateDrizzleJson({});
const current = generateDrizzleJson(imports);
const statements = await generateMigration(empty, current);
const db = new PGlite();
let ok = 0;
for (const statement of statements) {
  try {
    await db.exec(statement);
    ok++;
  } catch (error) {
    console.error(`FAILED: ${statement}\n  → ${(error as Error).message}`);
    process.exit(1);
  }
}
// Names of what the DDL creates (tables, constraints, indexes, sequences), not text between quotes.
const names = [
  ...statements
    .join('\n')
    .matchAll(/(?:TABLE|CONSTRAINT|INDEX|SEQUENCE)(?: IF NOT EXISTS)? "([^"]+)"(?:\."([^"]+)")?/g),
].map((m) => m[2] ?? m[1]!);
const long = names.filter((n) => Buffer.byteLength(n) > 63);
if (long.length) console.warn(`identifiers over 63 bytes: ${[...new Set(long)].join(', ')}`);
console.log(`${ok} statements applied; tables: ${Object.keys(current.tables).length}`);
if (process.env.SHOW_SQL) console.log(statements.join(';\n'));
await db.close();
