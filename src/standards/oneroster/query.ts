/**
 * SQL for OneRoster reads, derived from an entity description: the visible fields (scopes), the
 * compiled filter (filter-sql.ts), sort, paging, confinement, relationship, and the rows rendered as
 * REST objects.
 * Every statement runs in the caller's tenant transaction (row-level security) and also names the
 * tenant, so the (tenant_id, …) indexes serve it.
 */
import type { TenantDb } from '../../platform/db/engine.js';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../platform/db/database.js';
import { executePrepared, statementTemplates, type Bind } from '../../platform/db/prepared.js';
import { isSortable, outputText, raw, render, type Entity } from './entity-kit.js';
import { compileFilter } from './filter-sql.js';
import { invalidData, invalidSelection } from './imsx-errors.js';
import type { ListParams } from './paging.js';
import { GENERATION_COLUMN, generationSql, listTotal } from './list-counts.js';
import { cachedPage, pageKey, rememberPage, type Page } from './page-cache.js';
import { relationCondition, type RelationSql } from './relationships.js';

/** Who reads: the tenant, the caller's scopes, a school-bound caller's school orgs, a person's relationship. */
export interface ReadAccess {
  tenantId: string;
  scopes: readonly string[];
  /** sourcedIds of the orgs of the caller's schools; undefined = the whole tenant. */
  schoolOrgs?: readonly string[];
  /** A teacher's, parent's or student's relationship (relationships.ts); undefined = not narrowed. */
  relation?: RelationSql;
  /** Base URL of hrefs (scheme://host). */
  origin: string;
}

export function visibleFields(entity: Entity, scopes: readonly string[]): string[] {
  return Object.entries(entity.fields)
    .filter(([, f]) => !f.revealedBy || f.revealedBy.some((s) => scopes.includes(s)))
    .map(([name]) => name);
}

const asIs: Bind = (_name, value) => value;

/**
 * The WHERE of every read: tenant, active (tobedeleted rows never appear), entity, confinement, relationship.
 * `bind` names the values for a statement template (a relationship's never are: such reads are not templated).
 */
function baseConditions(entity: Entity, access: ReadAccess, bind = asIs): SQL[] {
  const conditions = [sql`t.tenant_id = ${bind('tenant', access.tenantId)}::uuid`, sql`t.status = 'active'`];
  if (entity.where) conditions.push(raw(entity.where));
  if (access.schoolOrgs && entity.confine) {
    const list = access.schoolOrgs.length
      ? sql`(${sql.join(
          access.schoolOrgs.map((id, i) => sql`${bind(`org${i}`, id)}`),
          sql`, `,
        )})`
      : sql`(NULL)`;
    conditions.push(entity.confine(list));
  }
  const related = access.relation && relationCondition(entity, access.relation);
  if (related) conditions.push(related);
  return conditions;
}

const selections = new WeakMap<Entity, Map<string, SQL>>();

/**
 * The SELECT list of the fields: parameter-free, so it is rendered to text once per entity and field
 * set and reused as one raw chunk (building it from dozens of fragments on every read was a
 * noticeable share of a by-id request's CPU).
 */
function selection(entity: Entity, names: readonly string[]): SQL {
  let byNames = selections.get(entity);
  if (!byNames) selections.set(entity, (byNames = new Map()));
  const key = names.join(',');
  let cached = byNames.get(key);
  if (!cached) {
    const text = names.map((name) => `${outputText(entity.fields[name]!)} AS "${name.replace(/"/g, '""')}"`).join(', ');
    // Field sets come from code or from a validated `fields` list: bounded, but never unbounded.
    if (byNames.size > 200) byNames.clear();
    byNames.set(key, (cached = raw(text)));
  }
  return cached;
}

/** The fields to return: all visible, or the `fields` selection (each must be visible). */
export function selectedFields(entity: Entity, visible: string[], fields: string[] | undefined): string[] {
  if (!fields) return visible;
  const unknown = fields.filter((f) => !visible.includes(f));
  if (unknown.length)
    throw invalidSelection(
      `Unknown field(s) for ${entity.singular}: ${unknown.map((f) => `"${f.slice(0, 60)}"`).join(', ')}.`,
    );
  return [...new Set(fields)];
}

/**
 * Whether a read's statement text comes from a bounded set (entity, default fields, sort, school
 * reach), so that it may be prepared once per connection (platform/db/prepared.ts). A filter's shape,
 * a `fields` selection or a relationship's id lists are the caller's to vary: planned each time.
 */
function boundedText(access: ReadAccess, fields?: readonly string[], filter?: unknown): boolean {
  return !access.relation && fields === undefined && filter === undefined;
}

const run = (db: TenantDb, query: SQL): Promise<unknown> => db.execute(query);
const dialect = new PgDialect();

export type { Page } from './page-cache.js';

export async function listObjects(
  db: TenantDb,
  entity: Entity,
  access: ReadAccess,
  params: ListParams,
  extra: SQL[] = [],
): Promise<Page> {
  const visible = visibleFields(entity, access.scopes);
  const names = selectedFields(entity, visible, params.fields);
  const where = [...baseConditions(entity, access), ...extra];
  if (params.filter) where.push(compileFilter(entity, new Set(visible), params.filter));
  let order = sql`t.sourced_id ASC`;
  if (params.sort !== undefined) {
    const spec = visible.includes(params.sort) ? entity.fields[params.sort] : undefined;
    if (!spec || !isSortable(spec)) throw invalidData(`Cannot sort ${entity.plural} by "${params.sort}".`);
    const dir = raw(params.orderBy === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST');
    order = sql`${raw(spec.sql)} ${dir}, t.sourced_id ${raw(params.orderBy === 'desc' ? 'DESC' : 'ASC')}`;
  } else if (params.orderBy === 'desc') order = sql`t.sourced_id DESC`;
  const whereSql = sql.join(where, sql` AND `);
  const from = raw(`${entity.table} t`);
  // The page and its total are separate: a window count (count(*) OVER ()) would make the page read
  // and sort every matching row instead of walking the sourced_id index for the first `limit`. The
  // total is cached until the tenant's next OneRoster write (list-counts.ts); the page reads the
  // generation it is valid for.
  const page = sql`SELECT ${selection(entity, names)}, ${generationSql(access.tenantId)} AS ${raw(GENERATION_COLUMN)}
    FROM ${from} WHERE ${whereSql} ORDER BY ${order} LIMIT ${params.limit} OFFSET ${params.offset}`;
  // The whole answer is cached until the tenant's next OneRoster write (page-cache.ts): a hit reads
  // only the generation.
  const key = pageKey(access.tenantId, entity.plural, access.origin, names, dialect.sqlToQuery(page));
  const cached = await cachedPage(db, access.tenantId, key);
  if (cached) return cached;
  const rows = rowsOf<Record<string, unknown>>(
    boundedText(access, params.fields, params.filter) ? await executePrepared(db, page) : await db.execute(page),
  );
  // A page that is not full is the end of the list, read in one snapshot: its total is known without a
  // count (a class roster of 30 under the default limit of 100), as is an empty first page's.
  const generation = rows[0]?.[GENERATION_COLUMN] as string | undefined;
  const counted =
    rows.length < params.limit && (rows.length > 0 || params.offset === 0)
      ? { total: params.offset + rows.length, generation }
      : await listTotal(db, access.tenantId, from, whereSql, generation);
  const result: Page = {
    collection: entity.plural,
    objects: rows.map((r) => render(entity, r, names, access.origin)),
    total: counted.total,
  };
  // Only a page and a total read at the same generation are an answer the database could have given.
  if (generation !== undefined && counted.generation === generation) rememberPage(key, generation, result);
  return result;
}

/**
 * By-id statements, each compiled once per entity, field set and number of school orgs (bounded reads):
 * a by-id request is little more than its statement, and building and compiling its SQL tree on every
 * request was a large share of its CPU.
 */
const byIdStatements = statementTemplates();
/** Entities sharing a table (users, students, teachers) differ in their conditions: each has its own key. */
const entityKeys = new WeakMap<Entity, number>();
let entities = 0;
function entityKey(entity: Entity): number {
  let key = entityKeys.get(entity);
  if (key === undefined) entityKeys.set(entity, (key = ++entities));
  return key;
}

/** The rows of `select` (a raw SELECT list) for one object within the caller's reach. */
async function byId(
  db: TenantDb,
  entity: Entity,
  access: ReadAccess,
  sourcedId: string,
  select: { key: string; sql: SQL },
  bounded: boolean,
): Promise<Record<string, unknown>[]> {
  const build = (bind: Bind) => {
    const conditions = [...baseConditions(entity, access, bind), sql`t.sourced_id = ${bind('id', sourcedId)}`];
    return sql`SELECT ${select.sql} FROM ${raw(`${entity.table} t`)} WHERE ${sql.join(conditions, sql` AND `)}`;
  };
  if (!bounded) return rowsOf(await run(db, build(asIs)));
  const values: Record<string, unknown> = { tenant: access.tenantId, id: sourcedId };
  access.schoolOrgs?.forEach((org, i) => (values[`org${i}`] = org));
  const key = `${entityKey(entity)}|${access.schoolOrgs?.length ?? 'all'}|${select.key}`;
  return rowsOf(await byIdStatements(db, key, build, values));
}

export async function getObject(
  db: TenantDb,
  entity: Entity,
  access: ReadAccess,
  sourcedId: string,
  fields?: string[],
): Promise<Record<string, unknown> | undefined> {
  const visible = visibleFields(entity, access.scopes);
  const names = selectedFields(entity, visible, fields);
  const select = { key: names.join(','), sql: selection(entity, names) };
  const [row] = await byId(db, entity, access, sourcedId, select, boundedText(access, fields));
  return row ? render(entity, row, names, access.origin) : undefined;
}

/** Does this object exist, active and within the caller's reach? (Nested reads answer 404 otherwise.) */
export async function objectExists(
  db: TenantDb,
  entity: Entity,
  access: ReadAccess,
  sourcedId: string,
): Promise<boolean> {
  return (await byId(db, entity, access, sourcedId, { key: '1', sql: sql`1` }, boundedText(access))).length > 0;
}
