/**
 * The generated API's reads: GET list (filters, sort, offset or keyset paging, fields, total) and
 * GET one row (ETag; If-None-Match → 304). Through the guard (deny by default; lists confined to the
 * principal's reach), row-level security, and an audit row for reads of sensitive data.
 */
import { count, getTableColumns } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTenant } from '../auth/request.js';
import { gate, keyFromParams, recordId, type CrudContext, type Row } from './crud-kit.js';
import { etagOf, matchesIfNoneMatch } from './etag.js';
import { encodeCursor, parseListQuery } from './list-query.js';
import { cursorCondition, filterCondition, orderBy, whereAll } from './sql.js';

export function registerList(app: FastifyInstance, ctx: CrudContext): void {
  const { resource, guard, auditor, table, show, live } = ctx;
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
}

export function registerGetOne(app: FastifyInstance, ctx: CrudContext): void {
  const { resource, guard, auditor, keyPath, show, loadOne } = ctx;
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
}
