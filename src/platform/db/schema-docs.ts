/**
 * `npm run docs:schema` → docs/data-model.md: per PostgreSQL schema, every table with its purpose
 * (the doc comment above its Drizzle definition), columns, types, keys and value rules, and one
 * Mermaid ER diagram per domain. Generated from the code, so it cannot drift from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableConfig, type PgColumn } from 'drizzle-orm/pg-core';
import { allTables, type TableEntry } from './catalog.js';
import { isGlobalTable, ruleFor } from './schema-kit.js';
import { allResources, type Resource } from '../api/registry.js';

/** schema.table → the domain that owns its writes and the endpoints that write it (app.ts). */
export type TableOwners = ReadonlyMap<string, { domain: string; writeVia: readonly string[] }>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** exportName → first sentence of the JSDoc block just above `export const <name> =`. */
function purposes(): Map<string, string> {
  const result = new Map<string, string>();
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/tables(\/[^/]+)?\.ts$/.test(full.replace(/\\/g, '/')) || full.includes(`${path.sep}tables${path.sep}`))
        files.push(full);
    }
  };
  walk(path.join(ROOT, 'src'));
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(?:\/\/[^\n]*\n\s*)*export const (\w+)\s*=/g)) {
      const doc = m[1]!
        .split('\n')
        .map((l) => l.replace(/^\s*\*\s?/, '').trim())
        .filter(Boolean)
        .join(' ');
      result.set(`${path.relative(ROOT, file)}:${m[2]}`, doc.split(/(?<=\.)\s/)[0] ?? doc);
      if (!result.has(m[2]!)) result.set(m[2]!, doc.split(/(?<=\.)\s/)[0] ?? doc);
    }
  }
  return result;
}

function columnRule(column: PgColumn): string {
  const rule = ruleFor(column);
  if (!rule) return '';
  return rule.kind === 'enum'
    ? `one of ${rule.values.join(', ')}${rule.caseInsensitive ? ' (any case)' : ''}`
    : `${rule.min}–${rule.max}`;
}

/** The generic REST route of a table: collection path, by-key path, and what it allows. */
function routeOf(resource: Resource | undefined, owners: TableOwners): { path: string; byKey: string; access: string } {
  if (!resource)
    return { path: '', byKey: '', access: 'not in the generic API (platform internals with their own endpoints)' };
  const owner = owners.get(resource.entry.qualifiedName);
  const byKey = [resource.path, ...resource.key.map((k) => `{${k}}`)].join('/');
  const access = resource.global
    ? 'read only (global reference data)'
    : !resource.writable
      ? "read only (append-only record, written by its owner's code)"
      : owner
        ? `read; written by the ${owner.domain} service: ${owner.writeVia.join(', ')}`
        : 'read and write';
  return { path: resource.path, byKey, access };
}

function routeLine(route: ReturnType<typeof routeOf>): string {
  return route.path ? `REST: \`${route.path}\`, \`${route.byKey}\` — ${route.access}.` : `REST: ${route.access}.`;
}

function tableSection(entry: TableEntry, purpose: string | undefined, route: ReturnType<typeof routeOf>): string {
  const config = getTableConfig(entry.table);
  const pk = new Set<string>(
    config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name),
  );
  const fkByColumn = new Map<string, string>();
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const target = getTableConfig(ref.foreignTable);
    for (const [i, col] of ref.columns.entries()) {
      if (col.name === 'tenant_id' && ref.columns.length > 1) continue;
      fkByColumn.set(col.name, `→ ${target.schema}.${target.name}.${ref.foreignColumns[i]!.name}`);
    }
  }
  const lines = [
    `### ${entry.qualifiedName}`,
    '',
    `${purpose ?? ''}${isGlobalTable(entry.table) ? ' *Global reference data (no tenant key).*' : ''}`.trim(),
    '',
    routeLine(route),
    '',
    '| column | type | null | key | rule |',
    '|---|---|---|---|---|',
  ];
  for (const column of config.columns) {
    const key = [pk.has(column.name) ? 'PK' : '', fkByColumn.get(column.name) ?? ''].filter(Boolean).join(' ');
    lines.push(
      `| ${column.name} | ${column.getSQLType()} | ${column.notNull ? 'no' : 'yes'} | ${key} | ${columnRule(column)} |`,
    );
  }
  const uniques = config.uniqueConstraints.map((u) => `${u.getName()} (${u.columns.map((c) => c.name).join(', ')})`);
  if (uniques.length) lines.push('', `Unique: ${uniques.join('; ')}.`);
  if (config.indexes.length) lines.push('', `Indexes: ${config.indexes.map((i) => i.config.name).join(', ')}.`);
  if (config.checks.length) lines.push('', `Checks: ${config.checks.map((c) => c.name).join(', ')}.`);
  return lines.join('\n');
}

function mermaid(domain: string, tables: TableEntry[]): string {
  const ident = (e: { schema?: string; name: string }) => `${e.schema ?? 'public'}_${e.name}`;
  const lines = ['```mermaid', 'erDiagram'];
  const names = new Set(tables.map((t) => t.qualifiedName));
  for (const entry of tables) {
    const config = getTableConfig(entry.table);
    const keyed = new Set<string>([
      ...(config.primaryKeys[0]?.columns.map((c) => c.name) ?? []),
      ...config.foreignKeys.flatMap((fk) => fk.reference().columns.map((c) => c.name)),
    ]);
    lines.push(`  ${ident(config)} {`);
    for (const column of config.columns.filter((c) => keyed.has(c.name) || c.primary)) {
      lines.push(`    ${column.getSQLType().replace(/[^A-Za-z0-9_]/g, '_')} ${column.name}`);
    }
    lines.push('  }');
    for (const fk of config.foreignKeys) {
      const target = getTableConfig(fk.reference().foreignTable);
      if (target.name === 'tenants' && target.schema === 'platform') continue;
      if (!names.has(`${target.schema}.${target.name}`)) lines.push(`  ${ident(target)} {`, '  }');
      lines.push(`  ${ident(target)} ||--o{ ${ident(config)} : "${fk.getName()}"`);
    }
  }
  lines.push('```');
  void domain;
  return lines.join('\n');
}

export function renderSchemaDocs(owners: TableOwners = new Map()): string {
  const docs = purposes();
  const tables = allTables();
  const resources = new Map(allResources().map((r) => [r.entry.qualifiedName, r]));
  const routes = new Map(tables.map((t) => [t.qualifiedName, routeOf(resources.get(t.qualifiedName), owners)]));
  const bySchema = new Map<string, TableEntry[]>();
  for (const t of tables) (bySchema.get(t.schema) ?? bySchema.set(t.schema, []).get(t.schema)!).push(t);
  const byDomain = new Map<string, TableEntry[]>();
  for (const t of tables) (byDomain.get(t.domain) ?? byDomain.set(t.domain, []).get(t.domain)!).push(t);
  const out = [
    '# Schola data model',
    '',
    '<!-- Generated by `npm run docs:schema` from the Drizzle tables. Do not edit by hand. -->',
    '',
    `${tables.length} tables in ${bySchema.size} PostgreSQL schemas. Tenant-owned tables lead every primary, unique ` +
      `and`,
    'foreign key with `tenant_id` (see ARCHITECTURE.md, "Tenancy"). Value rules are enforced by CHECK constraints',
    'and mirrored in the API validation.',
    '',
    '## Schemas',
    '',
    '| schema | tables | domains |',
    '|---|---|---|',
    ...[...bySchema].map(
      ([schema, list]) => `| ${schema} | ${list.length} | ${[...new Set(list.map((t) => t.domain))].join(', ')} |`,
    ),
    '',
    '## REST routes',
    '',
    'Every table is served by the generic API at `/api/v1/<schema>/<table>` (underscores become hyphens; by key:',
    'the key columns as path segments, in key order). The OneRoster and Ed-Fi bindings serve their own routes',
    'over the same tables (`/ims/oneroster/…`, `/data/v3/ed-fi/…`).',
    '',
    '| table | route | access |',
    '|---|---|---|',
    ...tables.map((t) => {
      const route = routes.get(t.qualifiedName)!;
      return `| ${t.qualifiedName} | ${route.path ? `\`${route.byKey}\`` : '—'} | ${route.access} |`;
    }),
    '',
  ];
  for (const [schema, list] of bySchema) {
    out.push(`## Schema \`${schema}\``, '');
    for (const entry of list)
      out.push(tableSection(entry, docs.get(entry.exportName), routes.get(entry.qualifiedName)!), '');
  }
  out.push('## Entity-relationship diagrams by domain', '');
  for (const [domain, list] of byDomain) out.push(`### Domain \`${domain}\``, '', mermaid(domain, list), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

export async function writeSchemaDocs(owners?: TableOwners): Promise<string[]> {
  const file = path.join(ROOT, 'docs', 'data-model.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderSchemaDocs(owners));
  return [path.relative(process.cwd(), file)];
}
