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
 * page (a correlated json_agg per row) and its total; the response body is kept with it as UTF-8
 * bytes, so a hit is neither serialised nor encoded again. A page and a total are only cached
 * together when both were read at the same generation. Bounded by entries and by the size of their
 * bodies; least recently used go first.
 */
import type { TenantDb } from '../../platform/db/engine.js';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { rowsOf } from '../../platform/db/database.js';
import { executePrepared } from '../../platform/db/prepared.js';
import { generationSql } from './list-counts.js';

export interface Page {
  /** The collection's name in the response body (`users`, `classes`…). */
  collection: string;
  objects: Record<string, unknown>[];
  total: number;
}

interface Entry {
  generation: string;
  page: Page;
}

const bodies = new WeakMap<Page, Buffer>();

/**
 * The response body of a page, `{"<collection>":[…]}` in UTF-8, built once per page. A cached page is
 * served many times: as a string, every hit would concatenate, measure and encode its ~60 KB again
 * (measured in bench/oneroster: most of a list hit's CPU and garbage), while a Buffer is written as is.
 */
export function pageBody(page: Page): Buffer {
  let body = bodies.get(page);
  if (body === undefined) {
    body = Buffer.from(`{${JSON.stringify(page.collection)}:${JSON.stringify(page.objects)}}`);
    bodies.set(page, body);
  }
  return body;
}

const MAX_BYTES = 64 * 1024 * 1024;
const pages = new LRUCache<string, Entry>({
  max: 5_000,
  maxSize: MAX_BYTES,
  // Bytes of the body and characters of the key: close enough to the memory the entry keeps alive.
  sizeCalculation: (entry, key) => Math.max(1, pageBody(entry.page).length + key.length),
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
