/**
 * The table catalog: every Drizzle table of the data model with its domain and data classification.
 * The platform never imports the domains, so it does not collect them itself: the composition root
 * (`src/schema.ts`) builds the catalog from the domains' table modules and registers it once, at
 * import. Platform code that needs every table (the generated API, the policy engine's
 * classification, the schema documentation) reads it through `allTables()`.
 */
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';

export interface TableEntry {
  /** The area that declares the table: a folder under src/domains, or `platform` / `identity`. */
  domain: string;
  exportName: string;
  schema: string;
  name: string;
  /** `schema.table`, lower case as PostgreSQL folds it. */
  qualifiedName: string;
  table: PgTable;
}

/** Each area's table module (its exports; anything that is not a table is ignored). */
export type TableModules = Record<string, Record<string, unknown>>;

/** Every table of `modules`, each once, in a stable order (area, then declaration order). */
export function collectTables(modules: TableModules): TableEntry[] {
  const seen = new Set<PgTable>();
  const list: TableEntry[] = [];
  for (const [domain, mod] of Object.entries(modules)) {
    for (const [exportName, value] of Object.entries(mod)) {
      if (!is(value, PgTable) || seen.has(value)) continue;
      seen.add(value);
      const config = getTableConfig(value);
      const schema = config.schema ?? 'public';
      list.push({
        domain,
        exportName,
        schema,
        name: config.name,
        qualifiedName: `${schema}.${config.name}`,
        table: value,
      });
    }
  }
  return list;
}

let registered: readonly TableEntry[] | undefined;

/** Called once by the composition root (src/schema.ts). */
export function registerTables(entries: readonly TableEntry[]): void {
  registered = entries;
}

/** Every table of the data model. */
export function allTables(): readonly TableEntry[] {
  if (!registered) {
    throw new Error('The table catalog is not registered: import src/schema.ts first (the composition root does).');
  }
  return registered;
}
