/**
 * Whole list pages (the rendered objects and their X-Total-Count), cached per tenant and page
 * statement and trusted only while the tenant's OneRoster write generation is what it was when the
 * page was read — the same rule as the cached totals (list-counts.ts), so every write path that
 * invalidates a total (REST, the CSV import, the Ed-Fi projection, plain SQL: database triggers)
 * invalidates the pages too, and a new day does as well.
 *
 * The key is the page statement's text and parameters — the entity, the caller's visible fields
 * (scopes), filter, sort, limit, offset and whole reach (tenant, school confinement, relationship
 * lists) — with the entity and the origin its hrefs are rendered for. Two callers share an entry
 * only when the database would answer them the same rows and the same objects are rendered.
 *
 * A hit costs one statement that reads the generation (planned once per connection) instead of the
 * page (a correlated json_agg per row) and its total; the JSON of the page is kept with it, so a hit
 * is not serialised again. A page and a total are only cached together when both were read at the
 * same generation. Bounded by entries and by the size of their JSON; least recently used go first.
 */
import type { TenantDb } from '../../platform/db/engine.js';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { rowsOf } from '../../platform/db/database.js';
import { executePrepared } from '../../platform/db/prepared.js';
import { generationSql } from './list-counts.js';

export interface Page {
  objects: Record<string, unknown>[];
  total: number;
}

interface Entry {
  generation: string;
  page: Page;
}

const jsons = new WeakMap<Page, string>();

/** The JSON of a page's objects, serialised once per page (a cached page is served many times). */
export function pageJson(page: Page): string {
  let json = jsons.get(page);
  if (json === undefined) jsons.set(page, (json = JSON.stringify(page.objects)));
  return json;
}

const MAX_BYTES = 64 * 1024 * 1024;
const pages = new LRUCache<string, Entry>({
  max: 5_000,
  maxSize: MAX_BYTES,
  // Characters of the JSON and the key: close enough to the memory the entry keeps alive.
  sizeCalculation: (entry, key) => Math.max(1, pageJson(entry.page).length + key.length),
});

/** Lookups since start: served from the cache, not cached, cached but written since (tests, diagnosis). */
export const pageStats = { hits: 0, misses: 0, stale: 0 };

/** The cache key of a page: its tenant, entity, origin, rendered fields and compiled statement. */
export function pageKey(
  tenantId: string,
  entity: string,
  origin: string,
  fields: readonly string[],
  statement: { sql: string; params: unknown[] },
): string {
  return [tenantId, entity, origin, fields.join(','), statement.sql, JSON.stringify(statement.params)].join('\u0000');
}

/** The cached page of `key` if the tenant has not written since it was read; one statement when there is one. */
export async function cachedPage(db: TenantDb, tenantId: string, key: string): Promise<Page | undefined> {
  const entry = pages.get(key);
  if (!entry) {
    pageStats.misses++;
    return undefined;
  }
  const [row] = rowsOf<{ generation: string | null }>(
    await executePrepared(db, sql`SELECT ${generationSql(tenantId)} AS generation`),
  );
  if (row?.generation === entry.generation) {
    pageStats.hits++;
    return entry.page;
  }
  pages.delete(key);
  pageStats.stale++;
  return undefined;
}

/** Remembers a page read (rows and total) at `generation`. */
export function rememberPage(key: string, generation: string, page: Page): void {
  pages.set(key, { generation, page });
}

/** Forgets every cached page (tests). */
export function clearPages(): void {
  pages.clear();
}
