/**
 * Gradebook writes: PUT creates (201) or replaces (200), POST to a collection creates many and answers
 * the sourcedIdPairs, DELETE marks the object `tobedeleted` (204) so it leaves every listing while
 * delta consumers can still learn of it. Every write: the OAuth write scope, the policy engine's
 * write decision (subject = the Ed-Fi school of the class, so school-bound clients stay in their
 * schools), references checked within the caller's reach, and an audit row in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import * as tables from '../../domains/oneroster/tables.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Principal, RequestMeta } from '../../platform/auth/roles.js';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import type { Entity } from './entity-kit.js';
import * as g from './gradebook-resources.js';
import { invalidData, unknownObject } from './imsx-errors.js';
import { academicSession, klass, user } from './resources.js';
import { getObject, objectExists, type ReadAccess } from './query.js';
import { policyAllows } from './service.js';

export type WritableName = keyof typeof g.WRITES;

interface WriteContext {
  tx: Tx;
  principal: Principal;
  meta: RequestMeta;
  access: ReadAccess;
}

type Table = PgTable & { tenantId: never; sourcedId: never; status: never };
const TABLES: Record<WritableName, { table: PgTable; entity: Entity }> = {
  category: { table: tables.categories, entity: g.category },
  lineItem: { table: tables.lineItems, entity: g.lineItem },
  result: { table: tables.results, entity: g.result },
  scoreScale: { table: tables.scoreScales, entity: g.scoreScale },
};

/** Parses one object of a body against the entity's write schema, or a 400 naming the fields. */
export function parseBody<N extends WritableName>(name: N, value: unknown, where = name as string): z.infer<(typeof g.WRITES)[N]['schema']> {
  const parsed = g.WRITES[name].schema.safeParse(value);
  if (!parsed.success) {
    throw invalidData(`Invalid ${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(object)'} ${i.message}`).join('; ')}.`);
  }
  return parsed.data as z.infer<(typeof g.WRITES)[N]['schema']>;
}

/** The Ed-Fi school id of a class (orgs.identifier of its school), for the policy engine's subject. */
async function schoolIdOfClass(tx: Tx, tenantId: string, classId: string): Promise<number | undefined> {
  const rows = rowsOf<{ identifier: string | null }>(
    await tx.execute(sql`SELECT o.identifier FROM oneroster.classes c JOIN oneroster.orgs o ON o.tenant_id = c.tenant_id AND o.sourced_id = c.school_sourced_id WHERE c.tenant_id = ${tenantId}::uuid AND c.sourced_id = ${classId}`),
  );
  const id = rows[0]?.identifier;
  return id && /^\d{1,9}$/.test(id) ? Number(id) : undefined;
}

async function classOfLineItem(ctx: WriteContext, lineItemId: string): Promise<string | undefined> {
  const rows = rowsOf<{ class_sourced_id: string }>(await ctx.tx.execute(sql`SELECT class_sourced_id FROM oneroster.line_items WHERE tenant_id = ${ctx.access.tenantId}::uuid AND sourced_id = ${lineItemId}`));
  return rows[0]?.class_sourced_id;
}

async function mustExist(ctx: WriteContext, entity: Entity, id: string | undefined, field: string): Promise<void> {
  if (id !== undefined && !(await objectExists(ctx.tx, entity, ctx.access, id))) throw invalidData(`${field}: no ${entity.singular} with sourcedId "${id.slice(0, 100)}" that you may reach.`);
}

/** The stored columns of a validated body, its references checked, and the class it belongs to. */
async function columnsOf(ctx: WriteContext, name: WritableName, body: Record<string, unknown>): Promise<{ values: Record<string, unknown>; classId?: string }> {
  const metadata = (body.metadata as Record<string, unknown> | null | undefined) ?? null;
  switch (name) {
    case 'category':
      return { values: { title: body.title, metadata } };
    case 'scoreScale':
      return { values: { name: body.title, scaleValues: body.scoreScaleValue, metadata } };
    case 'lineItem': {
      const b = body as g.LineItemIn;
      const session = b.academicSession ?? b.gradingPeriod;
      await mustExist(ctx, klass, b.class.sourcedId, 'class');
      await mustExist(ctx, g.category, b.category?.sourcedId, 'category');
      if (session) await mustExist(ctx, academicSession, session.sourcedId, 'academicSession');
      return {
        classId: b.class.sourcedId,
        values: {
          title: b.title,
          description: b.description ?? null,
          assignDate: b.assignDate ?? null,
          dueDate: b.dueDate ?? null,
          classSourcedId: b.class.sourcedId,
          categorySourcedId: b.category?.sourcedId ?? null,
          gradingPeriodSourcedId: session?.sourcedId ?? null,
          resultValueMin: b.resultValueMin ?? null,
          resultValueMax: b.resultValueMax ?? null,
          metadata,
        },
      };
    }
    case 'result': {
      const b = body as g.ResultIn;
      await mustExist(ctx, g.lineItem, b.lineItem.sourcedId, 'lineItem');
      await mustExist(ctx, user, b.student.sourcedId, 'student');
      return {
        classId: await classOfLineItem(ctx, b.lineItem.sourcedId),
        values: { lineItemSourcedId: b.lineItem.sourcedId, studentSourcedId: b.student.sourcedId, scoreStatus: b.scoreStatus, score: b.score ?? null, scoreDate: b.scoreDate ?? null, comment: b.comment ?? null, metadata },
      };
    }
  }
}

async function authorize(ctx: WriteContext, name: WritableName, action: 'write' | 'delete', classId: string | undefined): Promise<void> {
  const schoolId = classId ? await schoolIdOfClass(ctx.tx, ctx.access.tenantId, classId) : undefined;
  await policyAllows(ctx.tx, ctx.principal, ctx.meta, action, TABLES[name].entity.table, schoolId === undefined ? undefined : { schoolId });
}

/** The stored row (any status), locked for the rest of the transaction. */
async function current(ctx: WriteContext, name: WritableName, sourcedId: string): Promise<Record<string, unknown> | undefined> {
  const t = TABLES[name].table as unknown as Table & Record<string, never>;
  const rows = (await ctx.tx
    .select()
    .from(TABLES[name].table)
    .where(and(eq(t.tenantId, ctx.access.tenantId as never), eq(t.sourcedId, sourcedId as never)))
    .for('update')) as Record<string, unknown>[];
  return rows[0];
}

const audit = (ctx: WriteContext, name: WritableName, recordId: string, operation: 'INSERT' | 'UPDATE' | 'DELETE', oldValues?: unknown, newValues?: unknown) =>
  recordAudit(ctx.tx, { principal: ctx.principal, meta: ctx.meta, table: TABLES[name].entity.table, recordId, operation, oldValues, newValues, dataCategories: ['education_record'], legitimateEducationalInterest: true });

/** PUT: creates (true) or replaces (false) the object, returning the REST object as stored. */
export async function putObject(ctx: WriteContext, name: WritableName, sourcedId: string, body: Record<string, unknown>): Promise<{ created: boolean; object: Record<string, unknown> }> {
  if (body.sourcedId !== undefined && body.sourcedId !== sourcedId) throw invalidData(`sourcedId in the body ("${String(body.sourcedId).slice(0, 100)}") differs from the URL.`);
  const before = await current(ctx, name, sourcedId);
  // A tobedeleted object written again is created anew; an active one outside the caller's reach is not theirs to replace.
  const live = before?.status === 'active';
  if (live && !(await objectExists(ctx.tx, TABLES[name].entity, ctx.access, sourcedId))) throw unknownObject(`No ${name} with sourcedId "${sourcedId.slice(0, 100)}" that you may change.`);
  const { values, classId } = await columnsOf(ctx, name, body);
  await authorize(ctx, name, 'write', classId);
  const row = { ...values, status: 'active', dateLastModified: new Date() };
  const t = TABLES[name].table as unknown as Table & Record<string, never>;
  await ctx.tx
    .insert(TABLES[name].table)
    .values({ tenantId: ctx.access.tenantId, sourcedId, ...row } as never)
    .onConflictDoUpdate({ target: [t.tenantId, t.sourcedId], set: row as never });
  const object = (await getObject(ctx.tx, TABLES[name].entity, ctx.access, sourcedId))!;
  await audit(ctx, name, sourcedId, live ? 'UPDATE' : 'INSERT', live ? before : undefined, object);
  return { created: !live, object };
}

/** POST to a collection: creates each object; a supplied sourcedId already in use gets a fresh one. */
export async function postObjects(ctx: WriteContext, name: 'lineItem' | 'result', bodies: Record<string, unknown>[]): Promise<{ suppliedSourcedId: string; allocatedSourcedId: string }[]> {
  const pairs: { suppliedSourcedId: string; allocatedSourcedId: string }[] = [];
  for (const body of bodies) {
    const supplied = typeof body.sourcedId === 'string' ? body.sourcedId : '';
    const allocated = supplied && !(await current(ctx, name, supplied)) ? supplied : randomUUID();
    await putObject(ctx, name, allocated, { ...body, sourcedId: allocated });
    pairs.push({ suppliedSourcedId: supplied, allocatedSourcedId: allocated });
  }
  return pairs;
}

/** DELETE: status tobedeleted (gone from every listing); 404 when absent, already deleted or out of reach. */
export async function deleteObject(ctx: WriteContext, name: WritableName, sourcedId: string): Promise<void> {
  const before = await current(ctx, name, sourcedId);
  if (before?.status !== 'active' || !(await objectExists(ctx.tx, TABLES[name].entity, ctx.access, sourcedId))) throw unknownObject(`No ${name} with sourcedId "${sourcedId.slice(0, 100)}".`);
  const classId = name === 'lineItem' ? String(before.classSourcedId) : name === 'result' ? await classOfLineItem(ctx, String(before.lineItemSourcedId)) : undefined;
  await authorize(ctx, name, 'delete', classId);
  const t = TABLES[name].table as unknown as Table & Record<string, never>;
  await ctx.tx
    .update(TABLES[name].table)
    .set({ status: 'tobedeleted', dateLastModified: new Date() } as never)
    .where(and(eq(t.tenantId, ctx.access.tenantId as never), eq(t.sourcedId, sourcedId as never)));
  await audit(ctx, name, sourcedId, 'DELETE', before, { status: 'tobedeleted' });
}
