/**
 * The raw-COPY baseline of an interchange load: the rows the loader stored for one tenant, COPYed
 * into another tenant of the same tables (parents before children, by the catalog's foreign keys),
 * and the global descriptor rows into a scratch clone of edfi.descriptor (same indexes). Only the
 * COPY statements are timed: this is the database's floor for writing the same rows.
 */
import type { Database } from '../../src/platform/db/database.js';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (table: string) => table.split('.').map(q).join('.');
const copyCell = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);

/** Parents first: a table is copied after every other listed table it references. */
async function inDependencyOrder(database: Database, tables: string[]): Promise<string[]> {
  const edges = await database.query<{ child: string; parent: string }>(
    `SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint
      WHERE contype = 'f' AND conrelid <> confrelid AND conrelid::regclass::text = ANY($1)
        AND confrelid::regclass::text = ANY($1)`,
    [tables],
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const e of edges) if (e.child === table) visit(e.parent, path);
    ordered.push(table);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function columnsOf(database: Database, table: string): Promise<string[]> {
  const rows = await database.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
      AND attgenerated = '' ORDER BY attnum`,
    [table],
  );
  return rows.map((r) => r.name);
}

async function copyRows(
  database: Database,
  from: string,
  into: string,
  columns: string[],
  where: string,
  params: unknown[],
  replace: Record<string, string>,
): Promise<{ rows: number; seconds: number }> {
  const selected = await database.query<Record<string, string | null>>(
    `SELECT ${columns.map((c) => `${q(c)}::text AS ${q(c)}`).join(', ')} FROM ${qualified(from)} ${where}`,
    params,
  );
  if (selected.length === 0) return { rows: 0, seconds: 0 };
  const line = (row: Record<string, string | null>) =>
    columns.map((c) => copyCell(c in replace ? replace[c]! : row[c]!)).join(',');
  const csv = `${selected.map(line).join('\n')}\n`;
  const started = performance.now();
  await database.copyFromCsv(into, columns, csv);
  return { rows: selected.length, seconds: (performance.now() - started) / 1000 };
}

/** COPYs what `tenant` holds in `tables` into `copyTenant`; returns the rows and the seconds spent in COPY. */
export async function copyLoadedRows(
  database: Database,
  tables: string[],
  tenant: string,
  copyTenant: string,
): Promise<{ rows: number; seconds: number }> {
  let rows = 0;
  let seconds = 0;
  const add = (r: { rows: number; seconds: number }) => {
    rows += r.rows;
    seconds += r.seconds;
  };
  if (tables.includes('edfi.descriptor')) {
    await database.exec(
      'CREATE SCHEMA IF NOT EXISTS bench_scratch; CREATE TABLE bench_scratch.descriptor (LIKE edfi.descriptor ' +
        'INCLUDING ALL)',
    );
    add(
      await copyRows(
        database,
        'edfi.descriptor',
        'bench_scratch.descriptor',
        await columnsOf(database, 'edfi.descriptor'),
        '',
        [],
        {},
      ),
    );
  }
  for (const table of await inDependencyOrder(
    database,
    tables.filter((t) => t !== 'edfi.descriptor'),
  )) {
    const columns = await columnsOf(database, table);
    add(await copyRows(database, table, table, columns, 'WHERE tenant_id = $1', [tenant], { tenant_id: copyTenant }));
  }
  return { rows, seconds };
}
