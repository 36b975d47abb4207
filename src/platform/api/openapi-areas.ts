/**
 * The OpenAPI document split by area, so /docs renders a small document first instead of 2 MB:
 * `start` (sign-in, OAuth tokens, health, admin jobs, access policies — the platform's own endpoints),
 * one area per PostgreSQL schema (`/api/v1/<schema>/…`, the generic API and the domain services under it)
 * and one per tag of the other domain services under /api/v1 (`/api/v1/students/{usi}/grades` is in
 * `service-grades`): they were in `start` and made it 230 kB, ten times what its first screen shows.
 * Each area keeps only the component schemas its paths refer to.
 * `/openapi.json` without `area` stays the whole document (client generators use it).
 */
type Json = Record<string, unknown>;

export const START_AREA = 'start';
/** The areas of the domain services outside the schemas' APIs begin so: `service-grades`. */
export const SERVICE_AREA_PREFIX = 'service-';

/** An area of the document: what /docs names it, and the document itself. */
export interface OpenApiArea {
  title: string;
  document: Json;
}

/** A tag as an area key: `language school: classes` → `service-language-school-classes`. */
const serviceArea = (tag: string) =>
  `${SERVICE_AREA_PREFIX}${tag
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;

/** The first tag of a path's operations (the tag /docs groups them under). */
function firstTag(item: Json): string | undefined {
  for (const operation of Object.values(item)) {
    const tags = (operation as { tags?: unknown } | null)?.tags;
    if (Array.isArray(tags) && typeof tags[0] === 'string') return tags[0];
  }
  return undefined;
}

/** The area of a path and its title: its schema, its domain service's tag, else `start`. */
function areaOf(path: string, item: Json, schemas: ReadonlySet<string>): [key: string, title: string] {
  const match = /^\/api\/v1\/([^/]+)\//.exec(`${path}/`);
  if (match && schemas.has(match[1]!)) return [match[1]!, `/api/v1/${match[1]!}`];
  const tag = path.startsWith('/api/v1/') ? firstTag(item) : undefined;
  return tag ? [serviceArea(tag), `Services: ${tag}`] : [START_AREA, START_AREA];
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

/**
 * area key → its title and paths. Only a path's URL and its operations' tags decide its area, so
 * /docs can list the areas (with their sizes) from path items that carry nothing else, before the
 * document is built (it is built on its first request).
 */
export function pathsByArea(
  paths: Record<string, Json>,
  schemas: readonly string[],
): Map<string, { title: string; paths: Record<string, Json> }> {
  const known = new Set(schemas);
  const grouped = new Map<string, { title: string; paths: Record<string, Json> }>([
    [START_AREA, { title: START_AREA, paths: {} }],
  ]);
  for (const [path, item] of Object.entries(paths)) {
    const [area, title] = areaOf(path, item, known);
    if (!grouped.has(area)) grouped.set(area, { title, paths: {} });
    grouped.get(area)!.paths[path] = item;
  }
  return grouped;
}

/** area key → its title and document (same info, servers, security; its paths; the schemas they use). */
export function documentsByArea(document: Json, schemas: readonly string[]): Map<string, OpenApiArea> {
  const components = document.components as { schemas: Record<string, Json> } & Json;
  const grouped = pathsByArea(document.paths as Record<string, Json>, schemas);
  const areas = new Map<string, OpenApiArea>();
  for (const [area, { title, paths: areaPaths }] of grouped) {
    const areaSchemas = referencedSchemas(areaPaths, components.schemas);
    areas.set(area, {
      title,
      document: { ...document, paths: areaPaths, components: { ...components, schemas: areaSchemas } },
    });
  }
  return areas;
}
