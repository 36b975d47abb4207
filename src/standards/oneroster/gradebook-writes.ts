/**
 * Gradebook writes: PUT creates (201) or replaces (200), POST to a collection creates many and answers
 * the sourcedIdPairs, DELETE marks the object `tobedeleted` (204) so it leaves every listing while
 * delta consumers can still learn of it. Every write: the OAuth write scope, the policy engine's
 * write decision (subject = the Ed-Fi school of the class, so school-bound clients stay in their
 * schools), references checked within the caller's reach, link rows replaced and an audit row
 * written in the same transaction.
 * Each writable entity is a `Writable` (its body schema and how a body becomes columns); the
 * gradebook's four are in gradebook-writables.ts, the assessment entities in assessment-resources.ts.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Principal, RequestMeta } from '../../platform/auth/roles.js';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import type { Entity } from './entity-kit.js';
import { replaceLinks, type LinkTable } from './gradebook-links.js';
import { invalidData, OneRosterError, unknownObject } from './imsx-errors.js';

import { getObject, objectExists, type ReadAccess } from './query.js';
import { policyAllows } from './service.js';

export interface WriteContext {
  tx: Tx;
  principal: Principal;
  meta: RequestMeta;
  access: ReadAccess;
}

/** What a validated body becomes: the row's columns, the class it belongs to, and its link rows. */
export interface Columns {
  values: Record<string, unknown>;
  classId?: string;
  /** The school org it belongs to when it has no class (a school's category): the policy subject. */
  schoolOrgId?: string;
  /** Runs once the row is written (link rows reference it). */
  afterWrite?: () => Promise<void>;
}

export interface Writable<B = Record<string, unknown>> {
  table: PgTable;
  entity: Entity;
  schema: z.ZodType<B>;
  columns(ctx: WriteContext, body: B, sourcedId: string): Promise<Columns>;
  /** The class a stored row belongs to: the policy subject of its DELETE. */
  classOfRow?(ctx: WriteContext, row: Record<string, unknown>): Promise<string | undefined>;
  /** The school org a stored row without class belongs to (a school's category). */
  schoolOfRow?(ctx: WriteContext, row: Record<string, unknown>): Promise<string | undefined>;
  /** Link tables whose rows of a deleted object become tobedeleted with it. */
  links?: LinkTable[];
}

/** Parses one object of a body against the entity's write schema, or a 400 naming the fields. */
export function parseBody<B>(w: Writable<B>, value: unknown, where = w.entity.singular): B {
  const parsed = w.schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(object)'} ${i.message}`);
    throw invalidData(`Invalid ${where}: ${problems.join('; ')}.`);
  }
  return parsed.data;
}

/** The Ed-Fi school id (orgs.identifier) of a class's school, or of a school org, for the policy engine's subject. */
async function edfiSchoolId(
  tx: Tx,
  tenantId: string,
  owner: { classId?: string; schoolOrgId?: string },
): Promise<number | undefined> {
  const org = owner.classId
    ? sql`(SELECT c.school_sourced_id FROM oneroster.classes c
            WHERE c.tenant_id = ${tenantId}::uuid AND c.sourced_id = ${owner.classId})`
    : sql`${owner.schoolOrgId ?? null}`;
  const rows = rowsOf<{ identifier: string | null }>(
    await tx.execute(
      sql`SELECT o.identifier FROM oneroster.orgs o WHERE o.tenant_id = ${tenantId}::uuid AND o.sourced_id = ${org}`,
    ),
  );
  const id = rows[0]?.identifier;
  return id && /^\d{1,9}$/.test(id) ? Number(id) : undefined;
}

/** One column of a stored row by sourcedId (any status), e.g. a line item's class. */
export async function columnOf(
  ctx: WriteContext,
  table: string,
  column: string,
  sourcedId: string,
): Promise<string | undefined> {
  const rows = rowsOf<{ value: string | null }>(
    await ctx.tx.execute(
      sql`SELECT ${sql.raw(column)} AS value FROM ${sql.raw(table)}
           WHERE tenant_id = ${ctx.access.tenantId}::uuid AND sourced_id = ${sourcedId}`,
    ),
  );
  return rows[0]?.value ?? undefined;
}

/** 400 unless the referenced object exists, active and within the caller's reach. */
export async function mustExist(
  ctx: WriteContext,
  entity: Entity,
  id: string | undefined,
  field: string,
): Promise<void> {
  if (id !== undefined && !(await objectExists(ctx.tx, entity, ctx.access, id)))
    throw invalidData(`${field}: no ${entity.singular} with sourcedId "${id.slice(0, 100)}" that you may reach.`);
}

/** What the write machinery needs of any writable: its table and its REST description. */
type Target = Pick<Writable<unknown>, 'table' | 'entity'>;

async function authorize(
  ctx: WriteContext,
  w: Target,
  action: 'write' | 'delete',
  owner: { classId?: string; schoolOrgId?: string },
): Promise<void> {
  const schoolId =
    owner.classId || owner.schoolOrgId ? await edfiSchoolId(ctx.tx, ctx.access.tenantId, owner) : undefined;
  await policyAllows(
    ctx.tx,
    ctx.principal,
    ctx.meta,
    action,
    w.entity.table,
    schoolId === undefined ? undefined : { schoolId },
  );
}

type Keyed = PgTable & { tenantId: never; sourcedId: never };

/** The stored row (any status), locked for the rest of the transaction. */
async function current(ctx: WriteContext, w: Target, sourcedId: string): Promise<Record<string, unknown> | undefined> {
  const t = w.table as Keyed;
  const rows = (await ctx.tx
    .select()
    .from(w.table)
    .where(and(eq(t.tenantId, ctx.access.tenantId as never), eq(t.sourcedId, sourcedId as never)))
    .for('update')) as Record<string, unknown>[];
  return rows[0];
}

const audit = (
  ctx: WriteContext,
  w: Target,
  recordId: string,
  operation: 'INSERT' | 'UPDATE' | 'DELETE',
  oldValues?: unknown,
  newValues?: unknown,
) =>
  recordAudit(ctx.tx, {
    principal: ctx.principal,
    meta: ctx.meta,
    table: w.entity.table,
    recordId,
    operation,
    oldValues,
    newValues,
    dataCategories: ['education_record'],
    legitimateEducationalInterest: true,
  });

/** PUT: creates (true) or replaces (false) the object, returning the REST object as stored. */
export async function putObject<B>(
  ctx: WriteContext,
  w: Writable<B>,
  sourcedId: string,
  body: B,
): Promise<{ created: boolean; object: Record<string, unknown> }> {
  const given = (body as { sourcedId?: unknown }).sourcedId;
  if (given !== undefined && given !== sourcedId)
    throw invalidData(`sourcedId in the body ("${String(given).slice(0, 100)}") differs from the URL.`);
  const name = w.entity.singular;
  const before = await current(ctx, w, sourcedId);
  // A tobedeleted object written again is created anew;
  // an active one outside the caller's reach is not theirs to replace.
  const live = before?.status === 'active';
  if (live && !(await objectExists(ctx.tx, w.entity, ctx.access, sourcedId)))
    throw unknownObject(`No ${name} with sourcedId "${sourcedId.slice(0, 100)}" that you may change.`);
  const { values, classId, schoolOrgId, afterWrite } = await w.columns(ctx, body, sourcedId);
  await authorize(ctx, w, 'write', { classId, schoolOrgId });
  const row = { ...values, status: 'active', dateLastModified: new Date() };
  const t = w.table as Keyed;
  await ctx.tx
    .insert(w.table)
    .values({ tenantId: ctx.access.tenantId, sourcedId, ...row } as never)
    .onConflictDoUpdate({ target: [t.tenantId, t.sourcedId], set: row as never });
  await afterWrite?.();
  const object = (await getObject(ctx.tx, w.entity, ctx.access, sourcedId))!;
  await audit(ctx, w, sourcedId, live ? 'UPDATE' : 'INSERT', live ? before : undefined, object);
  return { created: !live, object };
}

export interface SourcedIdPair {
  suppliedSourcedId: string;
  allocatedSourcedId: string;
}

/**
 * POST to a collection: creates each object; a supplied sourcedId already in use gets a fresh one.
 * Errors name the item.
 */
export async function postObjects<B>(ctx: WriteContext, w: Writable<B>, bodies: B[]): Promise<SourcedIdPair[]> {
  const pairs: SourcedIdPair[] = [];
  for (const [i, body] of bodies.entries()) {
    const given = (body as { sourcedId?: unknown }).sourcedId;
    const supplied = typeof given === 'string' ? given : '';
    const allocated = supplied && !(await current(ctx, w, supplied)) ? supplied : randomUUID();
    try {
      await putObject(ctx, w, allocated, { ...body, sourcedId: allocated });
    } catch (error) {
      if (error instanceof OneRosterError && error.codeMinor === 'invaliddata')
        throw invalidData(`${w.entity.plural}[${i}]: ${error.detail}`);
      throw error;
    }
    pairs.push({ suppliedSourcedId: supplied, allocatedSourcedId: allocated });
  }
  return pairs;
}

/**
 * DELETE: status tobedeleted (gone from every listing, its link rows too);
 * 404 when absent, already deleted or out of reach.
 */
export async function deleteObject<B>(ctx: WriteContext, w: Writable<B>, sourcedId: string): Promise<void> {
  const before = await current(ctx, w, sourcedId);
  if (before?.status !== 'active' || !(await objectExists(ctx.tx, w.entity, ctx.access, sourcedId)))
    throw unknownObject(`No ${w.entity.singular} with sourcedId "${sourcedId.slice(0, 100)}".`);
  await authorize(ctx, w, 'delete', {
    classId: await w.classOfRow?.(ctx, before),
    schoolOrgId: await w.schoolOfRow?.(ctx, before),
  });
  const t = w.table as Keyed;
  await ctx.tx
    .update(w.table)
    .set({ status: 'tobedeleted', dateLastModified: new Date() } as never)
    .where(and(eq(t.tenantId, ctx.access.tenantId as never), eq(t.sourcedId, sourcedId as never)));
  for (const link of w.links ?? []) await replaceLinks(ctx.tx, ctx.access.tenantId, link, sourcedId, []);
  await audit(ctx, w, sourcedId, 'DELETE', before, { status: 'tobedeleted' });
}
