/**
 * Ed-Fi collection reads: `offset`/`limit` (default 25, max 500) with `totalCount=true` → Total-Count,
 * cursor paging (`pageSize` [+ `pageToken`] → Next-Page-Token; keyset on the resource id, so deep pages
 * cost the same as the first), query by top-level fields, and Change Queries
 * (`minChangeVersion`/`maxChangeVersion`, `/deletes`, `/keyChanges`, available change versions).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/http/errors.js';
import { isDistrictLevel, readScope } from './authorization.js';
import { checkValue, splitDescriptorUri, ValidationCollector } from './value-checks.js';
import type { ResourceModel } from './model.js';
import { queryCondition, queryFields, selectFrom, toResource, type RawRow } from './query.js';
import type { EdfiSession } from './caller.js';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;
const PAGING = ['offset', 'limit', 'totalCount', 'pageToken', 'pageSize', 'minChangeVersion', 'maxChangeVersion'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ListResult {
  items: Record<string, unknown>[];
  totalCount?: number;
  nextPageToken?: string;
}

export interface Paging {
  offset: number;
  limit: number;
  totalCount: boolean;
  after?: string;
  keyset: boolean;
  minChangeVersion?: number;
  maxChangeVersion?: number;
}

function whole(
  errors: ValidationCollector,
  query: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    errors.add(name, `must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return Number(raw);
}

export function parsePaging(query: Record<string, unknown>, errors: ValidationCollector): Paging {
  const offset = whole(errors, query, 'offset', 0, 100_000_000) ?? 0;
  const limit = whole(errors, query, 'limit', 0, MAX_LIMIT);
  const pageSize = whole(errors, query, 'pageSize', 1, MAX_LIMIT);
  const totalCount = query.totalCount === 'true';
  if (query.totalCount !== undefined && query.totalCount !== 'true' && query.totalCount !== 'false')
    errors.add('totalCount', 'must be true or false');
  let after: string | undefined;
  if (query.pageToken !== undefined) {
    const decoded =
      typeof query.pageToken === 'string' ? Buffer.from(query.pageToken, 'base64url').toString('utf8') : '';
    if (!UUID.test(decoded)) errors.add('pageToken', 'is not a page token returned by this API');
    else after = decoded;
  }
  const keyset = pageSize !== undefined || query.pageToken !== undefined;
  if (keyset && (query.offset !== undefined || query.limit !== undefined))
    errors.add('pageToken', 'cannot be combined with offset/limit');
  return {
    offset,
    limit: keyset ? (pageSize ?? DEFAULT_LIMIT) : (limit ?? DEFAULT_LIMIT),
    totalCount,
    after,
    keyset,
    minChangeVersion: whole(errors, query, 'minChangeVersion', 0, Number.MAX_SAFE_INTEGER),
    maxChangeVersion: whole(errors, query, 'maxChangeVersion', 0, Number.MAX_SAFE_INTEGER),
  };
}

export function changeVersionConditions(paging: Paging, column: SQL = sql`changeversion`): SQL[] {
  const out: SQL[] = [];
  if (paging.minChangeVersion !== undefined) out.push(sql`${column} >= ${paging.minChangeVersion}`);
  if (paging.maxChangeVersion !== undefined) out.push(sql`${column} <= ${paging.maxChangeVersion}`);
  return out;
}

export async function listResources(
  work: EdfiSession,
  model: ResourceModel,
  query: Record<string, unknown>,
): Promise<ListResult> {
  const errors = new ValidationCollector();
  const paging = parsePaging(query, errors);
  const fields = queryFields(model);
  const conditions: SQL[] = [sql`t.tenant_id = ${work.tenantId}`];
  for (const [param, raw] of Object.entries(query)) {
    if (PAGING.includes(param)) continue;
    const field = fields.get(param);
    if (!field) {
      errors.add(param, 'is not a queryable field of this resource');
      continue;
    }
    if (typeof raw !== 'string') errors.add(param, 'must be given once');
    else if (field.kind === 'descriptor') {
      if (!splitDescriptorUri(raw)) errors.add(param, 'must be a descriptor URI (namespace#codeValue)');
      else conditions.push(queryCondition(field, raw));
    } else {
      const parsed = checkValue(field.typeColumn, parseText(field.typeColumn.columnType, raw));
      if (!parsed.ok) errors.add(param, parsed.reason);
      else conditions.push(queryCondition(field, parsed.value));
    }
  }
  errors.throwIfAny();
  const scope = await readScope(work.db, work.principal, work.meta, model);
  if (scope) conditions.push(scope);
  conditions.push(...changeVersionConditions(paging, sql`t.changeversion`));
  const where = sql.join(conditions, sql` AND `);
  const pageWhere = paging.after ? sql`${where} AND t.id > ${paging.after}::uuid` : where;
  const take = paging.keyset ? paging.limit + 1 : paging.limit;
  const rows = rowsOf<RawRow>(
    await work.db.execute(
      sql`${selectFrom(model)} WHERE ${pageWhere} ORDER BY t.id
        LIMIT ${take} OFFSET ${paging.keyset ? 0 : paging.offset}`,
    ),
  );
  const result: ListResult = { items: rows.slice(0, paging.limit).map((r) => toResource(model, r)) };
  if (paging.keyset && rows.length > paging.limit)
    result.nextPageToken = Buffer.from(String(result.items[result.items.length - 1]!.id)).toString('base64url');
  if (paging.totalCount) {
    const join = model.parent
      ? sql` JOIN ${sql.raw(model.parent.tableName)} p ON p.tenant_id = t.tenant_id
        AND p.${sql.identifier(model.parent.parentLink.name)} = t.${sql.identifier(model.parent.childLink.name)}`
      : sql``;
    const [count] = rowsOf<{ n: number | string }>(
      await work.db.execute(sql`SELECT count(*) AS n FROM ${sql.raw(model.tableName)} t${join} WHERE ${where}`),
    );
    result.totalCount = Number(count?.n ?? 0);
  }
  return result;
}

/** Query-string text → the JSON value a body would carry for that column. */
function parseText(columnType: string, raw: string): unknown {
  if (['PgInteger', 'PgSerial', 'PgSmallInt', 'PgBigInt53', 'PgNumericNumber', 'PgNumeric'].includes(columnType))
    return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (columnType === 'PgBoolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/** GET …/deletes and …/keyChanges: tracked changes in change-version order. */
export async function trackedChanges(
  work: EdfiSession,
  model: ResourceModel,
  kind: 'deletes' | 'keyChanges',
  query: Record<string, unknown>,
): Promise<ListResult> {
  const errors = new ValidationCollector();
  const paging = parsePaging(query, errors);
  for (const param of Object.keys(query))
    if (!PAGING.includes(param)) errors.add(param, 'is not a parameter of this endpoint');
  errors.throwIfAny();
  await readScope(work.db, work.principal, work.meta, model);
  const conditions: SQL[] = [
    sql`tenant_id = ${work.tenantId}`,
    sql`resource = ${model.collection}`,
    ...changeVersionConditions(paging),
  ];
  if (!isDistrictLevel(work.principal)) {
    // School-bound callers see tracked changes of their schools only (resources keyed by schoolId).
    if (!model.identity.some((p) => p.path[p.path.length - 1] === 'schoolId'))
      return { items: [], ...(paging.totalCount ? { totalCount: 0 } : {}) };
    const keyColumn = kind === 'deletes' ? sql`keyvalues` : sql`oldkeyvalues`;
    conditions.push(
      sql`(${keyColumn}->>'schoolId')::int IN (${sql.join(
        (work.principal.schoolIds ?? []).map((s) => sql`${s}`),
        sql`, `,
      )}${work.principal.schoolIds?.length ? sql`` : sql`NULL`})`,
    );
  }
  return trackedChangePage(work, kind, paging, conditions);
}

/**
 * One page of the tenant's tracked deletes or key changes (`edfi.deletes_tracking`,
 * `edfi.keychanges_tracking`) matching `conditions`, in change-version order, as Ed-Fi serves them:
 * resources' and descriptors' …/deletes and …/keyChanges alike.
 */
export async function trackedChangePage(
  work: EdfiSession,
  kind: 'deletes' | 'keyChanges',
  paging: Paging,
  conditions: SQL[],
): Promise<ListResult> {
  const table = kind === 'deletes' ? sql`edfi.deletes_tracking` : sql`edfi.keychanges_tracking`;
  const where = sql.join(conditions, sql` AND `);
  const rows = rowsOf<Record<string, unknown>>(
    await work.db.execute(
      sql`SELECT * FROM ${table} WHERE ${where} ORDER BY changeversion LIMIT ${paging.limit} OFFSET ${paging.offset}`,
    ),
  );
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
  const items = rows.map((r) =>
    kind === 'deletes'
      ? { id: r.id, changeVersion: Number(r.changeversion), keyValues: json(r.keyvalues) }
      : {
          id: r.id,
          changeVersion: Number(r.changeversion),
          oldKeyValues: json(r.oldkeyvalues),
          newKeyValues: json(r.newkeyvalues),
        },
  );
  const result: ListResult = { items };
  if (paging.totalCount) {
    const [count] = rowsOf<{ n: number | string }>(
      await work.db.execute(sql`SELECT count(*) AS n FROM ${table} WHERE ${where}`),
    );
    result.totalCount = Number(count?.n ?? 0);
  }
  return result;
}

/** The newest change version handed out (0 before any change). */
export async function availableChangeVersions(
  tx: Tx,
): Promise<{ oldestChangeVersion: number; newestChangeVersion: number }> {
  const [row] = rowsOf<{ last_value: number | string; is_called: boolean }>(
    await tx.execute(sql`SELECT last_value, is_called FROM edfi.changeversionsequence`),
  );
  if (!row) throw new AppError('internal', 'The change version sequence is missing.');
  return { oldestChangeVersion: 0, newestChangeVersion: row.is_called ? Number(row.last_value) : 0 };
}
