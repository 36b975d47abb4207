/**
 * Descriptor resources: `/data/v3/ed-fi/{x}Descriptors` over the global edfi.descriptor table, one
 * collection per descriptor type (the type is the collection name, singular, capitalised:
 * gradeLevelDescriptors → GradeLevelDescriptor). GET (list with Change Queries, by id with ETag /
 * If-None-Match, /deletes, /keyChanges) for every Ed-Fi caller; POST, PUT and DELETE (If-Match) for
 * district-level OAuth clients only (descriptor-writes.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rowsOf } from '../../platform/db/database.js';
import { requireEdfiScope } from './authorization.js';
import { ValidationCollector } from './value-checks.js';
import {
  DESCRIPTOR_COLUMNS,
  descriptorCollection,
  descriptorJson,
  descriptorNotFound,
  typeOf,
  UUID,
} from './descriptor-json.js';
import { deleteDescriptor, postDescriptor, putDescriptor } from './descriptor-writes.js';
import { changeVersionConditions, parsePaging, trackedChangePage, type ListResult } from './list.js';
import { asReader } from './caller.js';
import { DATA_PATH, sendItem, sendList } from './responses.js';
import type { EdfiSession } from './caller.js';

const PAGING = ['offset', 'limit', 'totalCount', 'minChangeVersion', 'maxChangeVersion'];

async function listDescriptors(work: EdfiSession, type: string, query: Record<string, unknown>): Promise<ListResult> {
  requireEdfiScope(work.principal, 'read');
  const errors = new ValidationCollector();
  const paging = parsePaging(query, errors);
  const conditions: SQL[] = [sql`descriptortype = ${type}`, ...changeVersionConditions(paging)];
  for (const [param, value] of Object.entries(query)) {
    if (PAGING.includes(param)) continue;
    if (param === 'codeValue' && typeof value === 'string') conditions.push(sql`lower(codevalue) = lower(${value})`);
    else if (param === 'namespace' && typeof value === 'string')
      conditions.push(sql`lower(namespace) = lower(${value})`);
    else errors.add(param, 'is not a queryable field of this resource');
  }
  errors.throwIfAny();
  const where = sql.join(conditions, sql` AND `);
  const rows = rowsOf<Record<string, unknown>>(
    await work.db.execute(
      sql`SELECT ${DESCRIPTOR_COLUMNS} FROM edfi.descriptor WHERE ${where} ORDER BY descriptorid
        LIMIT ${paging.limit} OFFSET ${paging.offset}`,
    ),
  );
  const count = paging.totalCount
    ? rowsOf<{ n: string | number }>(
        await work.db.execute(sql`SELECT count(*) AS n FROM edfi.descriptor WHERE ${where}`),
      )[0]
    : undefined;
  return { items: rows.map((r) => descriptorJson(type, r)), ...(count ? { totalCount: Number(count.n) } : {}) };
}

/**
 * GET …Descriptors/deletes and /keyChanges from the caller's tenant's tracking rows. Descriptors are
 * reference data every caller may read, so school-bound clients see them all too. Descriptor keys
 * cannot change, so /keyChanges is served (like every resource's) but stays empty.
 */
async function trackedDescriptorChanges(
  work: EdfiSession,
  type: string,
  kind: 'deletes' | 'keyChanges',
  query: Record<string, unknown>,
): Promise<ListResult> {
  requireEdfiScope(work.principal, 'read');
  const errors = new ValidationCollector();
  const paging = parsePaging(query, errors);
  for (const param of Object.keys(query))
    if (!PAGING.includes(param)) errors.add(param, 'is not a parameter of this endpoint');
  errors.throwIfAny();
  const conditions = [
    sql`tenant_id = ${work.tenantId}`,
    sql`resource = ${descriptorCollection(type)}`,
    ...changeVersionConditions(paging),
  ];
  return trackedChangePage(work, kind, paging, conditions);
}

function ifMatchOf(request: FastifyRequest): string | undefined {
  const header = request.headers['if-match'];
  return typeof header === 'string' ? header : undefined;
}

export function descriptorRoutes(app: FastifyInstance): void {
  const base = `${DATA_PATH}/:descriptors`;
  type Params = { descriptors: string };
  type IdParams = Params & { id: string };
  const query = (request: FastifyRequest) => request.query as Record<string, unknown>;

  app.get<{ Params: Params }>(base, async (request, reply) => {
    const type = typeOf(request.params.descriptors);
    return sendList(reply, await asReader(request, (work) => listDescriptors(work, type, query(request))));
  });
  for (const kind of ['deletes', 'keyChanges'] as const) {
    app.get<{ Params: Params }>(`${base}/${kind}`, async (request, reply) => {
      const type = typeOf(request.params.descriptors);
      return sendList(
        reply,
        await asReader(request, (work) => trackedDescriptorChanges(work, type, kind, query(request))),
      );
    });
  }
  app.get<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    const type = typeOf(request.params.descriptors);
    const item = await asReader(request, async (work) => {
      requireEdfiScope(work.principal, 'read');
      const id = request.params.id;
      const [row] = UUID.test(id)
        ? rowsOf<Record<string, unknown>>(
            await work.db.execute(
              sql`SELECT ${DESCRIPTOR_COLUMNS} FROM edfi.descriptor WHERE id = ${id}::uuid
                AND descriptortype = ${type}`,
            ),
          )
        : [];
      if (!row) throw descriptorNotFound(type);
      return descriptorJson(type, row);
    });
    return sendItem(request, reply, item);
  });
  app.post<{ Params: Params }>(base, async (request, reply) => {
    const { id, created, item } = await postDescriptor(request, typeOf(request.params.descriptors));
    reply.header('Location', `${DATA_PATH}/${request.params.descriptors}/${id}`);
    reply.header('ETag', `"${String(item._etag)}"`);
    return reply.status(created ? 201 : 200).send();
  });
  app.put<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    const { item } = await putDescriptor(
      request,
      typeOf(request.params.descriptors),
      request.params.id,
      ifMatchOf(request),
    );
    reply.header('Location', `${DATA_PATH}/${request.params.descriptors}/${request.params.id}`);
    reply.header('ETag', `"${String(item._etag)}"`);
    return reply.status(204).send();
  });
  app.delete<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    await deleteDescriptor(request, typeOf(request.params.descriptors), request.params.id, ifMatchOf(request));
    return reply.status(204).send();
  });
}
