/**
 * The OpenAPI document split by area, so /docs renders a small document first instead of 1.7 MB:
 * `start` (sign-in, OAuth tokens, health, admin jobs, access policies — everything outside the
 * per-schema API) and one area per PostgreSQL schema (`/api/v1/<schema>/…`, the generic API and the
 * domain services under it). Each area keeps only the component schemas its paths refer to.
 * `/openapi.json` without `area` stays the whole document (client generators use it).
 */
type Json = Record<string, unknown>;

export const START_AREA = 'start';

/** The area of a path: its schema for `/api/v1/<schema>/…`, else `start`. */
function areaOf(path: string, schemas: ReadonlySet<string>): string {
  const match = /^\/api\/v1\/([^/]+)\//.exec(`${path}/`);
  return match && schemas.has(match[1]!) ? match[1]! : START_AREA;
}

/** The component schemas `value` refers to, transitively. */
function referencedSchemas(value: unknown, all: Record<string, Json>): Record<string, Json> {
  const found: Record<string, Json> = {};
  const visit = (text: string) => {
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (found[name!] || !all[name!]) continue;
      found[name!] = all[name!]!;
      visit(JSON.stringify(all[name!]));
    }
  };
  visit(JSON.stringify(value));
  return found;
}

/** area → its document (same info, servers, security; its paths; the schemas they use). */
export function documentsByArea(document: Json, schemas: readonly string[]): Map<string, Json> {
  const known = new Set(schemas);
  const paths = document.paths as Record<string, Json>;
  const components = document.components as { schemas: Record<string, Json> } & Json;
  const grouped = new Map<string, Record<string, Json>>([[START_AREA, {}]]);
  for (const [path, item] of Object.entries(paths)) {
    const area = areaOf(path, known);
    (grouped.get(area) ?? grouped.set(area, {}).get(area)!)[path] = item;
  }
  const areas = new Map<string, Json>();
  for (const [area, areaPaths] of grouped) {
    areas.set(area, {
      ...document,
      paths: areaPaths,
      components: { ...components, schemas: { ...referencedSchemas(areaPaths, components.schemas) } },
    });
  }
  return areas;
}
