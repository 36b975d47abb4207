/**
 * The generated API's writes: POST one object or an array (a batch is all-or-nothing), PUT replace
 * and PATCH (If-Match → 412 on a stale copy), DELETE (soft where the table has is_deleted/deleted_at).
 * Each through the guard (the written row must stay within the principal's reach), the write rules,
 * row-level security and an audit row in the same transaction.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ulid } from 'ulid';
import { AppError, type ValidationErrors } from '../http/errors.js';
import { withTenant } from '../auth/request.js';
import {
  gate,
  keyFromParams,
  recordId,
  withoutServerFields,
  zodErrors,
  type CrudContext,
  type Row,
} from './crud-kit.js';
import { checkIfMatch, etagOf } from './etag.js';
import { keyCondition } from './sql.js';

export function registerCreate(app: FastifyInstance, ctx: CrudContext): void {
  const { resource, guard, auditor, table, show, assertWithinScope, checkRules } = ctx;
  app.post(resource.path, async (request: FastifyRequest, reply: FastifyReply) => {
    const batch = Array.isArray(request.body);
    const items = batch ? (request.body as unknown[]) : [request.body];
    if (items.length === 0 || items.length > 1000)
      throw AppError.validation({ $: ['must be one object or an array of 1 to 1000 objects'] });
    // keys come from the request: no prototype
    const errors: ValidationErrors = Object.create(null) as ValidationErrors;
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
}

export function registerUpdates(app: FastifyInstance, ctx: CrudContext): void {
  const { resource, guard, auditor, table, keyPath, show, assertWithinScope, checkRules, loadOne } = ctx;
  const update = (mode: 'replace' | 'patch') => async (request: FastifyRequest, reply: FastifyReply) => {
    const key = keyFromParams(resource, request.params as Record<string, string>);
    const schema = mode === 'replace' ? resource.replaceSchema : resource.patchSchema;
    const result = schema.safeParse(withoutServerFields(resource, request.body ?? {}));
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
  app.put(`${resource.path}/${keyPath}`, update('replace'));
  app.patch(`${resource.path}/${keyPath}`, update('patch'));
}

export function registerDelete(app: FastifyInstance, ctx: CrudContext): void {
  const { resource, guard, auditor, table, keyPath, show, loadOne } = ctx;
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
