/**
 * Generated REST routes for every resource of the registry, under /api/v1/<schema>/<table>:
 *   GET    list (filters, sort, offset or keyset paging, fields, total)
 *   GET    /<key…>        one row (ETag; If-None-Match → 304)
 *   POST   one object or an array (a batch is all-or-nothing)
 *   PUT    /<key…>        replace (If-Match → 412 on a stale copy)
 *   PATCH  /<key…>        partial update (If-Match)
 *   DELETE /<key…>        delete, or soft delete where the table has is_deleted/deleted_at
 * Every route: authenticated principal, the guard's decision (deny by default), row-level security
 * through the tenant transaction, and audit rows in the same transaction.
 */
import { count, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ulid } from 'ulid';
import { AppError, validationErrorsOf, type ValidationErrors } from '../http/errors.js';
import { forgetPolicies } from '../auth/default-policies.js';
import { withTenant } from '../auth/request.js';
import type { Principal, RequestMeta } from '../auth/roles.js';
import type { Tx } from '../db/transaction.js';
import { checkIfMatch, etagOf, matchesIfNoneMatch } from './etag.js';
import type { ApiAction, ApiGuard, GuardDecision } from './guard.js';
import { encodeCursor, parseListQuery } from './list-query.js';
import type { Resource } from './registry.js';
import { cursorCondition, filterCondition, keyCondition, orderBy, softDeleteCondition, whereAll } from './sql.js';
import { parseScalar, toJson } from './values.js';

export interface AuditEvent {
  table: string;
  recordId: string;
  /** Reads: every record shown (the audit row lists as many as fit and counts them all). */
  recordIds?: string[];
  operation: 'INSERT' | 'UPDATE' | 'DELETE' | 'SELECT';
  oldValues?: Record<string, unknown>;
  newValues?: Record<string, unknown>;
  dataCategories: string[];
}

export interface ApiAuditor {
  record(tx: Tx, principal: Principal, meta: RequestMeta, event: AuditEvent): Promise<void>;
}

/**
 * Domain rules a write must satisfy beyond authorization (e.g. consent before recording a student's
 * voice). Throw an AppError to refuse; runs in the write's transaction.
 */
export type WriteRule = (tx: Tx, resource: Resource, row: Record<string, unknown>) => Promise<void>;

export interface CrudOptions {
  guard: ApiGuard;
  auditor: ApiAuditor;
  writeRules?: WriteRule[];
}

type Row = Record<string, unknown>;

function zodErrors(error: z.ZodError, prefix = ''): ValidationErrors {
  return validationErrorsOf(error, { prefix, unknownField: 'is not a field of this resource' });
}

function keyFromParams(resource: Resource, params: Record<string, string>): unknown[] {
  const errors: ValidationErrors = Object.create(null) as ValidationErrors; // keys come from the request: no prototype
  const values = resource.key.map((field, i) => {
    const parsed = parseScalar(resource.fields.get(field)!.column, params[`k${i}`] ?? '');
    if (!parsed.ok) (errors[field] ??= []).push(parsed.reason);
    return parsed.ok ? parsed.value : undefined;
  });
  if (Object.keys(errors).length) throw AppError.validation(errors, 'The key in the URL is invalid.');
  return values;
}

function recordId(resource: Resource, row: Row): string {
  return resource.key.map((k) => String(row[k])).join('/');
}

async function gate(
  guard: ApiGuard,
  tx: Tx,
  principal: Principal,
  meta: RequestMeta,
  resource: Resource,
  action: ApiAction,
  row?: Row,
): Promise<GuardDecision> {
  if (action !== 'read' && !resource.writable)
    throw new AppError('method_not_allowed', `${resource.name} is read-only through this API.`);
  const decision = await guard.decide(tx, principal, meta, resource, action, row);
  if (!decision.allowed) throw new AppError('forbidden', decision.reason);
  return decision;
}

export function registerCrudRoutes(app: FastifyInstance, resource: Resource, options: CrudOptions): void {
  const { guard, auditor } = options;
  const checkRules = async (tx: Tx, row: Row) => {
    for (const rule of options.writeRules ?? []) await rule(tx, resource, row);
  };
  const table = resource.table;
  const hidden = resource.secret;
  const keyPath = resource.key.map((_, i) => `:k${i}`).join('/');
  const show = (row: Row, only?: string[]) => toJson(row, hidden, only);
  if (resource.entry.qualifiedName === 'compliance.data_access_controls') {
    // These rows are the access policies every request reads (cached per tenant): a write here
    // must reach the next request at once. onSend runs after the handler's transaction committed.
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.method !== 'GET' && request.routeOptions.url?.startsWith(resource.path) && request.principal)
        forgetPolicies(request.principal.tenantId);
      return payload;
    });
  }

  /** A written row must stay within the principal's reach (their school, sections, children…). */
  async function assertWithinScope(tx: Tx, row: Row, scope: SQL | undefined): Promise<void> {
    if (!scope) return;
    const [hit] = await tx
      .select({ n: count() })
      .from(table)
      .where(
        whereAll([
          keyCondition(
            resource,
            resource.key.map((k) => row[k]),
          ),
          scope,
        ]),
      );
    if (Number(hit!.n) === 0)
      throw new AppError('forbidden', `The ${resource.name} record would be outside what you may write.`);
  }

  /** Soft-deleted rows are gone for the API. */
  const live = resource.softDelete ? softDeleteCondition(resource) : undefined;

  async function loadOne(tx: Tx, key: unknown[], scope: SQL | undefined, forUpdate = false): Promise<Row> {
    let query = tx
      .select()
      .from(table)
      .where(whereAll([keyCondition(resource, key), scope, live]))
      .$dynamic();
    if (forUpdate) query = query.for('update');
    const rows = (await query) as Row[];
    if (rows.length === 0) throw new AppError('not_found', `No ${resource.name} with key ${key.join('/')}.`);
    return rows[0]!;
  }

  app.get(resource.path, async (request: FastifyRequest) => {
    const plan = parseListQuery(resource, request.query as Record<string, unknown>);
    return withTenant(request, async ({ tx, principal, meta }) => {
      const decision = await gate(guard, tx, principal, meta, resource, 'read');
      const where = whereAll([...plan.filters.map((f) => filterCondition(resource, f)), decision.scope, live]);
      const columns = getTableColumns(table);
      const selection = plan.fields
        ? Object.fromEntries([...new Set([...plan.fields, ...resource.key])].map((f) => [f, columns[f]!]))
        : columns;
      const rows = (await tx
        .select(selection)
        .from(table)
        .where(whereAll([where, cursorCondition(resource, plan)]))
        .orderBy(...orderBy(resource, plan))
        .limit(plan.limit + 1)
        .offset(plan.cursor ? 0 : plan.offset)) as Row[];
      const more = rows.length > plan.limit;
      const pageRows = rows.slice(0, plan.limit);
      const total = plan.count ? Number((await tx.select({ n: count() }).from(table).where(where))[0]!.n) : undefined;
      if (decision.auditReads && pageRows.length > 0) {
        const ids = pageRows.map((r) => recordId(resource, r));
        await auditor.record(tx, principal, meta, {
          table: resource.entry.qualifiedName,
          recordId: ids.join(','),
          recordIds: ids,
          operation: 'SELECT',
          dataCategories: decision.dataCategories,
        });
      }
      const last = pageRows[pageRows.length - 1];
      return {
        data: pageRows.map((r) => show(r, plan.fields ? [...new Set([...plan.fields, ...resource.key])] : undefined)),
        page: {
          limit: plan.limit,
          ...(plan.cursor ? {} : { offset: plan.offset }),
          ...(total !== undefined ? { total } : {}),
          nextCursor:
            more && last
              ? encodeCursor(
                  plan.sort.map((s) => {
                    const v = last[s.field];
                    return v instanceof Date ? v.toISOString() : v;
                  }),
                )
              : null,
        },
      };
    });
  });

  if (resource.key.length === 0) return;

  app.get(`${resource.path}/${keyPath}`, async (request: FastifyRequest, reply: FastifyReply) => {
    const key = keyFromParams(resource, request.params as Record<string, string>);
    const body = await withTenant(request, async ({ tx, principal, meta }) => {
      const decision = await gate(guard, tx, principal, meta, resource, 'read');
      const row = await loadOne(tx, key, decision.scope);
      if (decision.auditReads)
        await auditor.record(tx, principal, meta, {
          table: resource.entry.qualifiedName,
          recordId: recordId(resource, row),
          operation: 'SELECT',
          dataCategories: decision.dataCategories,
        });
      return show(row);
    });
    const etag = etagOf(body);
    reply.header('etag', etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.status(304).send();
    return body;
  });

  app.post(resource.path, async (request: FastifyRequest, reply: FastifyReply) => {
    const batch = Array.isArray(request.body);
    const items = batch ? (request.body as unknown[]) : [request.body];
    if (items.length === 0 || items.length > 1000)
      throw AppError.validation({ $: ['must be one object or an array of 1 to 1000 objects'] });
    const errors: ValidationErrors = Object.create(null) as ValidationErrors; // keys come from the request: no prototype
    const parsed = items.map((item, i) => {
      const result = resource.insertSchema.safeParse(item ?? {});
      if (!result.success) Object.assign(errors, zodErrors(result.error, batch ? `[${i}].` : ''));
      if (!result.success) return undefined;
      const row = result.data as Row;
      if (resource.generatesUlid && row.id === undefined) row.id = ulid();
      return row;
    });
    if (Object.keys(errors).length) throw AppError.validation(errors);
    const created = await withTenant(request, async ({ tx, principal, meta, tenantId }) => {
      const reach = await gate(guard, tx, principal, meta, resource, 'read');
      let decision = reach;
      for (const item of parsed) {
        decision = await gate(guard, tx, principal, meta, resource, 'write', item!);
        await checkRules(tx, item!);
      }
      const rows = (await tx
        .insert(table)
        .values(parsed.map((p) => ({ ...p, tenantId })))
        .returning()) as Row[];
      for (const row of rows) await assertWithinScope(tx, row, reach.scope);
      if (decision.auditWrites) {
        for (const row of rows)
          await auditor.record(tx, principal, meta, {
            table: resource.entry.qualifiedName,
            recordId: recordId(resource, row),
            operation: 'INSERT',
            newValues: show(row),
            dataCategories: decision.dataCategories,
          });
      }
      return rows.map((r) => show(r));
    });
    reply.status(201);
    if (!batch) {
      reply
        .header('etag', etagOf(created[0]!))
        .header(
          'location',
          `${resource.path}/${resource.key.map((k) => encodeURIComponent(String(created[0]![k]))).join('/')}`,
        );
      return created[0];
    }
    return { data: created };
  });

  const update = (mode: 'replace' | 'patch') => async (request: FastifyRequest, reply: FastifyReply) => {
    const key = keyFromParams(resource, request.params as Record<string, string>);
    const schema = mode === 'replace' ? resource.replaceSchema : resource.patchSchema;
    const result = schema.safeParse(request.body ?? {});
    if (!result.success) throw AppError.validation(zodErrors(result.error));
    const changes = { ...(result.data as Row) };
    resource.key.forEach((field, i) => {
      if (changes[field] !== undefined && String(changes[field]) !== String(key[i]))
        throw AppError.validation({ [field]: ['cannot change the key; it must match the URL'] });
      delete changes[field];
    });
    if (mode === 'replace') {
      // Replace: a field left out goes back to its default, or to null.
      for (const [name] of Object.entries(resource.replaceSchema.shape)) {
        if (name in changes || resource.key.includes(name)) continue;
        changes[name] = resource.fields.get(name)!.column.hasDefault ? sql`DEFAULT` : null;
      }
    }
    const body = await withTenant(request, async ({ tx, principal, meta }) => {
      const reach = await gate(guard, tx, principal, meta, resource, 'read');
      const before = await loadOne(tx, key, reach.scope, true);
      checkIfMatch(request.headers['if-match'], etagOf(show(before)));
      const decision = await gate(guard, tx, principal, meta, resource, 'write', { ...before, ...changes });
      await checkRules(tx, { ...before, ...changes });
      const touched = resource.fields.has('lastModifiedDate')
        ? { lastModifiedDate: new Date() }
        : resource.fields.has('updatedAt')
          ? { updatedAt: new Date() }
          : {};
      const [after] = (await tx
        .update(table)
        .set({ ...changes, ...touched })
        .where(keyCondition(resource, key))
        .returning()) as Row[];
      await assertWithinScope(tx, after!, reach.scope);
      if (decision.auditWrites)
        await auditor.record(tx, principal, meta, {
          table: resource.entry.qualifiedName,
          recordId: recordId(resource, after!),
          operation: 'UPDATE',
          oldValues: show(before),
          newValues: show(after!),
          dataCategories: decision.dataCategories,
        });
      return show(after!);
    });
    reply.header('etag', etagOf(body));
    return body;
  };
  if (resource.writable) {
    app.put(`${resource.path}/${keyPath}`, update('replace'));
    app.patch(`${resource.path}/${keyPath}`, update('patch'));
  }

  app.delete(`${resource.path}/${keyPath}`, async (request: FastifyRequest, reply: FastifyReply) => {
    const key = keyFromParams(resource, request.params as Record<string, string>);
    await withTenant(request, async ({ tx, principal, meta }) => {
      const reach = await gate(guard, tx, principal, meta, resource, 'read');
      const before = await loadOne(tx, key, reach.scope, true);
      checkIfMatch(request.headers['if-match'], etagOf(show(before)));
      const decision = await gate(guard, tx, principal, meta, resource, 'delete', before);
      if (resource.softDelete) {
        const soft: Row = {};
        if (resource.softDelete.flag) soft[resource.softDelete.flag] = true;
        if (resource.softDelete.at) soft[resource.softDelete.at] = new Date();
        await tx.update(table).set(soft).where(keyCondition(resource, key));
      } else {
        await tx.delete(table).where(keyCondition(resource, key));
      }
      if (decision.auditWrites)
        await auditor.record(tx, principal, meta, {
          table: resource.entry.qualifiedName,
          recordId: recordId(resource, before),
          operation: 'DELETE',
          oldValues: show(before),
          dataCategories: decision.dataCategories,
        });
    });
    return reply.status(204).send();
  });
}
