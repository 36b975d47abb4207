/**
 * Descriptor resources: `/data/v3/ed-fi/{x}Descriptors` over the global edfi.descriptor table, one
 * collection per descriptor type (the type is the collection name, singular, capitalised:
 * gradeLevelDescriptors → GradeLevelDescriptor). GET for every Ed-Fi caller; POST (upsert on namespace +
 * codeValue, compared case-insensitively) for district-level OAuth clients only, because descriptors are
 * shared by every tenant. The app role may only read edfi.descriptor (row-level security setup), so the
 * write runs as the owner after the authorization check.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../platform/auth/request.js';
import { rowsOf } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { etagOf } from '../../platform/api/etag.js';
import { AppError } from '../../platform/http/errors.js';
import { isDistrictLevel, requireEdfiScope } from './authorization.js';
import { ValidationCollector } from './codec.js';
import { parsePaging } from './list.js';
import { asCaller, DATA_PATH, sendItem, sendList } from './routes.js';

const COLUMNS = sql`descriptorid, namespace, codevalue, shortdescription, description, effectivebegindate::text AS effectivebegindate, effectiveenddate::text AS effectiveenddate, descriptortype, id, lastmodifieddate`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 'gradeLevelDescriptors' → 'GradeLevelDescriptor'; undefined when not a descriptor collection. */
export function descriptorType(collection: string): string | undefined {
  if (!/^[a-z][A-Za-z0-9]*Descriptors$/.test(collection)) return undefined;
  return collection[0]!.toUpperCase() + collection.slice(1, -1);
}

function typeOf(collection: string): string {
  const type = descriptorType(collection);
  if (!type) throw new AppError('not_found', `No Ed-Fi resource ${collection}.`);
  return type;
}

function toJson(type: string, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    [`${type[0]!.toLowerCase()}${type.slice(1)}Id`]: row.descriptorid,
    codeValue: row.codevalue,
    namespace: row.namespace,
    shortDescription: row.shortdescription,
  };
  if (row.description != null) out.description = row.description;
  if (row.effectivebegindate != null) out.effectiveBeginDate = row.effectivebegindate;
  if (row.effectiveenddate != null) out.effectiveEndDate = row.effectiveenddate;
  out._lastModifiedDate = (row.lastmodifieddate instanceof Date ? row.lastmodifieddate : new Date(String(row.lastmodifieddate))).toISOString();
  out._etag = etagOf(out).replace(/"/g, '');
  return out;
}

function text(errors: ValidationCollector, body: Record<string, unknown>, name: string, max: number, required: boolean): string | null {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) errors.add(`$.${name}`, 'is required');
    return null;
  }
  if (typeof value !== 'string' || value.includes('\u0000') || value.length > max || (required && value.trim() === '')) {
    errors.add(`$.${name}`, `must be a non-empty string of at most ${max} characters`);
    return null;
  }
  return value;
}

async function post(request: FastifyRequest, type: string): Promise<{ id: string; created: boolean }> {
  const principal = principalOf(request);
  requireEdfiScope(principal, 'write');
  if (!isDistrictLevel(principal)) throw new AppError('forbidden', 'Descriptors are shared reference data: only district-level clients may write them.');
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('validation_failed', 'The request body must be a JSON object.', { validationErrors: { $: ['must be a JSON object'] } });
  const b = body as Record<string, unknown>;
  const errors = new ValidationCollector();
  const namespace = text(errors, b, 'namespace', 255, true);
  const codeValue = text(errors, b, 'codeValue', 50, true);
  const shortDescription = text(errors, b, 'shortDescription', 75, true);
  const description = text(errors, b, 'description', 1024, false);
  if (namespace && !/^uri:\/\/[^#]+$/.test(namespace)) errors.add('$.namespace', 'must be a URI of the form uri://<authority>/<path>');
  for (const name of ['effectiveBeginDate', 'effectiveEndDate']) {
    const v = b[name];
    if (v != null && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))) errors.add(`$.${name}`, 'must be a date (YYYY-MM-DD)');
  }
  errors.throwIfAny();
  return transaction(request.server.database, async ({ tx }) => {
    const begin = (b.effectiveBeginDate as string | undefined) ?? null;
    const end = (b.effectiveEndDate as string | undefined) ?? null;
    const [existing] = rowsOf<{ id: string; descriptortype: string }>(
      await tx.execute(sql`SELECT id, descriptortype FROM edfi.descriptor WHERE lower(namespace) = lower(${namespace}) AND lower(codevalue) = lower(${codeValue}) FOR UPDATE`),
    );
    if (existing) {
      if (existing.descriptortype !== type) throw new AppError('conflict', `${namespace}#${codeValue} is already a ${existing.descriptortype}.`);
      await tx.execute(sql`UPDATE edfi.descriptor SET shortdescription = ${shortDescription}, description = ${description}, effectivebegindate = ${begin}, effectiveenddate = ${end}, lastmodifieddate = now(), changeversion = nextval('edfi.changeversionsequence') WHERE id = ${existing.id}::uuid`);
      return { id: existing.id, created: false };
    }
    const [row] = rowsOf<{ id: string }>(
      await tx.execute(sql`INSERT INTO edfi.descriptor (namespace, codevalue, shortdescription, description, effectivebegindate, effectiveenddate, descriptortype) VALUES (${namespace}, ${codeValue}, ${shortDescription}, ${description}, ${begin}, ${end}, ${type}) RETURNING id`),
    );
    return { id: row!.id, created: true };
  });
}

export function descriptorRoutes(app: FastifyInstance): void {
  const base = `${DATA_PATH}/:descriptors`;
  app.get<{ Params: { descriptors: string } }>(base, async (request, reply) => {
    const type = typeOf(request.params.descriptors);
    const query = request.query as Record<string, unknown>;
    const errors = new ValidationCollector();
    const paging = parsePaging(query, errors);
    const conditions: SQL[] = [sql`descriptortype = ${type}`];
    for (const [param, value] of Object.entries(query)) {
      if (['offset', 'limit', 'totalCount'].includes(param)) continue;
      if (param === 'codeValue' && typeof value === 'string') conditions.push(sql`lower(codevalue) = lower(${value})`);
      else if (param === 'namespace' && typeof value === 'string') conditions.push(sql`lower(namespace) = lower(${value})`);
      else errors.add(param, 'is not a queryable field of this resource');
    }
    errors.throwIfAny();
    const where = sql.join(conditions, sql` AND `);
    const result = await asCaller(request, async (work) => {
      requireEdfiScope(work.principal, 'read');
      const rows = rowsOf<Record<string, unknown>>(await work.tx.execute(sql`SELECT ${COLUMNS} FROM edfi.descriptor WHERE ${where} ORDER BY descriptorid LIMIT ${paging.limit} OFFSET ${paging.offset}`));
      const count = paging.totalCount ? rowsOf<{ n: string | number }>(await work.tx.execute(sql`SELECT count(*) AS n FROM edfi.descriptor WHERE ${where}`))[0] : undefined;
      return { items: rows.map((r) => toJson(type, r)), ...(count ? { totalCount: Number(count.n) } : {}) };
    });
    return sendList(reply, result);
  });
  app.get<{ Params: { descriptors: string; id: string } }>(`${base}/:id`, async (request, reply) => {
    const type = typeOf(request.params.descriptors);
    const item = await asCaller(request, async (work) => {
      requireEdfiScope(work.principal, 'read');
      const id = request.params.id;
      const [row] = UUID.test(id) ? rowsOf<Record<string, unknown>>(await work.tx.execute(sql`SELECT ${COLUMNS} FROM edfi.descriptor WHERE id = ${id}::uuid AND descriptortype = ${type}`)) : [];
      if (!row) throw new AppError('not_found', `The requested ${type} was not found.`);
      return toJson(type, row);
    });
    return sendItem(request, reply, item);
  });
  app.post<{ Params: { descriptors: string } }>(base, async (request, reply) => {
    const { id, created } = await post(request, typeOf(request.params.descriptors));
    reply.header('Location', `${DATA_PATH}/${request.params.descriptors}/${id}`);
    return reply.status(created ? 201 : 200).send();
  });
}
