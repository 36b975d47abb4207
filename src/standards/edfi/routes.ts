/**
 * The Ed-Fi API under /data/v3/ed-fi/{collection}, derived from the resource descriptions: list, GET/PUT/
 * DELETE by id, POST upsert, /deletes, /keyChanges; descriptors; Change Queries' available versions;
 * the discovery document and OpenAPI. All Ed-Fi routes answer errors as Ed-Fi problem documents.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { asCaller, asReader } from './caller.js';
import { createPoster } from './post-batch.js';
import { descriptorRoutes } from './descriptors.js';
import { discoveryRoutes } from './discovery.js';
import { availableChangeVersions, listResources, trackedChanges } from './list.js';
import type { ResourceModel } from './model.js';
import { useEdfiErrors } from './problems.js';
import { DATA_PATH, sendItem, sendList } from './responses.js';
import { servedResources } from './resources.js';
import type { EdfiWork } from './caller.js';
import { remove } from './store-deletes.js';
import { getById } from './store-reads.js';
import { replace } from './store-writes.js';
import { requireEdfiScope } from './authorization.js';
import { auditFactsOf } from '../../platform/auth/classification.js';
import { auditRead } from '../../platform/audit/audit.js';

type IdParams = { id: string };
type Query = Record<string, unknown>;

function ifMatchOf(request: FastifyRequest): string | undefined {
  const header = request.headers['if-match'];
  return typeof header === 'string' ? header : undefined;
}

function locationOf(request: FastifyRequest, model: ResourceModel, id: string): string {
  return `${DATA_PATH}/${model.collection}/${id}`;
}

/** FERPA: reads of sensitive resources (discipline, health…) leave an audit row in the same transaction. */
async function auditSensitiveRead(
  work: EdfiWork,
  model: ResourceModel,
  items: Record<string, unknown>[],
): Promise<void> {
  const facts = auditFactsOf(model.qualifiedName);
  if (!facts?.auditReads || items.length === 0) return;
  await auditRead(work.db, {
    principal: work.principal,
    meta: work.meta,
    table: model.qualifiedName,
    recordIds: items.map((i) => String(i.id)),
    dataCategories: facts.dataCategories,
  });
}

function resourceRoutes(app: FastifyInstance, model: ResourceModel, post: ReturnType<typeof createPoster>): void {
  const base = `${DATA_PATH}/${model.collection}`;
  const audited = auditFactsOf(model.qualifiedName)?.auditReads === true;
  app.get(base, async (request, reply) =>
    sendList(
      reply,
      await asReader(
        request,
        (work) => listResources(work, model, request.query as Query),
        audited ? (work, result) => auditSensitiveRead(work, model, result.items) : undefined,
      ),
    ),
  );
  app.get(`${base}/deletes`, async (request, reply) =>
    sendList(reply, await asReader(request, (work) => trackedChanges(work, model, 'deletes', request.query as Query))),
  );
  app.get(`${base}/keyChanges`, async (request, reply) =>
    sendList(
      reply,
      await asReader(request, (work) => trackedChanges(work, model, 'keyChanges', request.query as Query)),
    ),
  );
  app.get<{ Params: IdParams }>(`${base}/:id`, async (request, reply) =>
    sendItem(
      request,
      reply,
      await asReader(
        request,
        (work) => getById(work, model, request.params.id),
        audited ? (work, item) => auditSensitiveRead(work, model, [item]) : undefined,
      ),
    ),
  );
  app.post(base, async (request, reply) => {
    const { id, created, etag } = await post(request, model);
    reply.header('ETag', `"${etag}"`);
    reply.header('Location', locationOf(request, model, id));
    return reply.status(created ? 201 : 200).send();
  });
  app.put<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    await asCaller(request, async (work) => {
      const item = await replace(work, model, request.params.id, request.body, ifMatchOf(request));
      reply.header('ETag', `"${String(item._etag)}"`);
    });
    reply.header('Location', locationOf(request, model, request.params.id));
    return reply.status(204).send();
  });
  app.delete<{ Params: IdParams }>(`${base}/:id`, async (request, reply) => {
    await asCaller(request, (work) => remove(work, model, request.params.id, ifMatchOf(request)));
    return reply.status(204).send();
  });
}

/** The Ed-Fi API plugin (one line in src/app.ts). */
export async function edfiApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scoped) => {
    useEdfiErrors(scoped);
    const post = createPoster();
    for (const model of servedResources()) resourceRoutes(scoped, model, post);
    descriptorRoutes(scoped);
    scoped.get('/changeQueries/v1/availableChangeVersions', async (request) =>
      asCaller(request, async (work) => {
        requireEdfiScope(work.principal, 'read');
        return availableChangeVersions(work.db);
      }),
    );
    discoveryRoutes(scoped);
  });
}
