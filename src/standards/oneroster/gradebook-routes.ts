/**
 * The OneRoster 1.2 Gradebook service at /ims/oneroster/gradebook/v1p2: categories, lineItems,
 * results, scoreScales — list, GET/PUT/DELETE /{sourcedId}, the nested reads, and the collection
 * POSTs /classes/{id}/lineItems and /lineItems/{id}/results (201 + sourcedIdPairs).
 * Scopes: reads gradebook-core.readonly or gradebook.readonly (nested reads gradebook.readonly),
 * PUT gradebook.createput, POST gradebook.createpost, DELETE gradebook.delete.
 * Score scales have no class or school in Schola's model: they are the district's, so the class and
 * school score-scale reads list the district's scales.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf, withTenant } from '../../platform/auth/request.js';
import { registerDiscovery } from './discovery.js';
import { scope, type Entity } from './entity-kit.js';
import * as g from './gradebook-resources.js';
import { deleteObject, parseBody, postObjects, putObject, type WritableName } from './gradebook-writes.js';
import { invalidData, unknownObject, useImsxErrors } from './imsx-errors.js';
import { objectExists } from './query.js';
import { klass, school, user } from './resources.js';
import { readAccess, registerCollection, registerSingle, requireScope, type CollectionRoute, type ServiceOptions } from './service.js';

export const GRADEBOOK_BASE = '/ims/oneroster/gradebook/v1p2';
const READ = [scope('gradebook-core.readonly'), scope('gradebook.readonly')];
const FULL = [scope('gradebook.readonly')];
const PUT = [scope('gradebook.createput')];
const POST = [scope('gradebook.createpost')];
const DELETE = [scope('gradebook.delete')];

export const GRADEBOOK_COLLECTIONS: { segment: string; entity: Entity; name: WritableName }[] = [
  { segment: 'categories', entity: g.category, name: 'category' },
  { segment: 'lineItems', entity: g.lineItem, name: 'lineItem' },
  { segment: 'results', entity: g.result, name: 'result' },
  { segment: 'scoreScales', entity: g.scoreScale, name: 'scoreScale' },
];

const classParent = { param: 'classId', entity: klass };
const lineItemsOfClass = (classId: string) => sql`SELECT li.sourced_id FROM oneroster.line_items li WHERE li.tenant_id = t.tenant_id AND li.class_sourced_id = ${classId} AND li.status = 'active'`;

export const GRADEBOOK_NESTED: CollectionRoute[] = [
  {
    path: '/classes/:classId/categories',
    entity: g.category,
    scopes: FULL,
    parents: [classParent],
    where: (p) => [sql`t.sourced_id IN (SELECT li.category_sourced_id FROM oneroster.line_items li WHERE li.tenant_id = t.tenant_id AND li.class_sourced_id = ${p.classId} AND li.status = 'active')`],
  },
  { path: '/classes/:classId/lineItems', entity: g.lineItem, scopes: FULL, parents: [classParent], where: (p) => [sql`t.class_sourced_id = ${p.classId}`] },
  { path: '/classes/:classId/results', entity: g.result, scopes: FULL, parents: [classParent], where: (p) => [sql`t.line_item_sourced_id IN (${lineItemsOfClass(p.classId!)})`] },
  { path: '/classes/:classId/scoreScales', entity: g.scoreScale, scopes: FULL, parents: [classParent] },
  {
    path: '/classes/:classId/lineItems/:lineItemId/results',
    entity: g.result,
    scopes: FULL,
    parents: [classParent, { param: 'lineItemId', entity: g.lineItem }],
    where: (p) => [sql`t.line_item_sourced_id = ${p.lineItemId}`, sql`t.line_item_sourced_id IN (${lineItemsOfClass(p.classId!)})`],
  },
  {
    path: '/classes/:classId/students/:studentId/results',
    entity: g.result,
    scopes: FULL,
    parents: [classParent, { param: 'studentId', entity: user }],
    where: (p) => [sql`t.student_sourced_id = ${p.studentId}`, sql`t.line_item_sourced_id IN (${lineItemsOfClass(p.classId!)})`],
  },
  { path: '/schools/:schoolId/scoreScales', entity: g.scoreScale, scopes: FULL, parents: [{ param: 'schoolId', entity: school }] },
];

/** The objects of a collection POST body: `{ "<plural>": [ … ] }`, 1 to 1000 of them. */
function collectionBody(body: unknown, plural: string): Record<string, unknown>[] {
  const list = (body as Record<string, unknown> | null)?.[plural];
  if (!Array.isArray(list) || list.length === 0 || list.length > 1000) throw invalidData(`The body must be {"${plural}": [ … ]} with 1 to 1000 objects.`);
  return list as Record<string, unknown>[];
}

function registerWrites(app: FastifyInstance, c: (typeof GRADEBOOK_COLLECTIONS)[number]): void {
  app.put(`/${c.segment}/:sourcedId`, async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principalOf(request);
    requireScope(principal, PUT);
    const { sourcedId } = request.params as { sourcedId: string };
    const wrapped = (request.body as Record<string, unknown> | null)?.[c.entity.singular];
    if (wrapped === undefined) throw invalidData(`The body must be {"${c.entity.singular}": { … }}.`);
    const body = parseBody(c.name, wrapped) as Record<string, unknown>;
    const outcome = await withTenant(request, async ({ tx, meta }) => {
      const access = await readAccess(tx, request, principal, meta, c.entity.table);
      return putObject({ tx, principal, meta, access }, c.name, sourcedId, body);
    });
    return reply.status(outcome.created ? 201 : 200).send({ [c.entity.singular]: outcome.object });
  });

  app.delete(`/${c.segment}/:sourcedId`, async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principalOf(request);
    requireScope(principal, DELETE);
    const { sourcedId } = request.params as { sourcedId: string };
    await withTenant(request, async ({ tx, meta }) => {
      const access = await readAccess(tx, request, principal, meta, c.entity.table);
      await deleteObject({ tx, principal, meta, access }, c.name, sourcedId);
    });
    return reply.status(204).send();
  });
}

/** POST /{parent}/{id}/{plural}: each object gets the parent reference from the path. */
function registerPost(app: FastifyInstance, path: string, name: 'lineItem' | 'result', parent: { param: string; entity: Entity; field: string }): void {
  const entity = name === 'lineItem' ? g.lineItem : g.result;
  app.post(path, async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principalOf(request);
    requireScope(principal, POST);
    const parentId = (request.params as Record<string, string>)[parent.param]!;
    const bodies = collectionBody(request.body, entity.plural).map((item, i) => {
      const given = (item as Record<string, { sourcedId?: unknown } | undefined>)?.[parent.field]?.sourcedId;
      if (given !== undefined && given !== parentId) throw invalidData(`${entity.plural}[${i}].${parent.field} differs from the URL.`);
      return parseBody(name, { ...item, [parent.field]: { sourcedId: parentId } }, `${entity.plural}[${i}]`) as Record<string, unknown>;
    });
    const pairs = await withTenant(request, async ({ tx, meta }) => {
      const access = await readAccess(tx, request, principal, meta, entity.table);
      if (!(await objectExists(tx, parent.entity, access, parentId))) throw unknownObject(`No ${parent.entity.singular} with sourcedId "${parentId.slice(0, 100)}".`);
      return postObjects({ tx, principal, meta, access }, name, bodies);
    });
    return reply.status(201).send({ sourcedIdPairs: pairs });
  });
}

export function gradebookRoutes(options: ServiceOptions = {}) {
  return async function gradebook(app: FastifyInstance): Promise<void> {
    await app.register(
      async (service) => {
        useImsxErrors(service);
        for (const c of GRADEBOOK_COLLECTIONS) {
          registerCollection(service, { path: `/${c.segment}`, entity: c.entity, scopes: READ }, options);
          registerSingle(service, `/${c.segment}/:sourcedId`, c.entity, READ);
          registerWrites(service, c);
        }
        for (const nested of GRADEBOOK_NESTED) registerCollection(service, nested, options);
        registerPost(service, '/classes/:classId/lineItems', 'lineItem', { param: 'classId', entity: klass, field: 'class' });
        registerPost(service, '/lineItems/:lineItemId/results', 'result', { param: 'lineItemId', entity: g.lineItem, field: 'lineItem' });
        registerDiscovery(service, {
          title: 'OneRoster 1.2 Gradebook service (Schola)',
          base: GRADEBOOK_BASE,
          collections: GRADEBOOK_COLLECTIONS.map((c) => ({ ...c, scopes: READ })),
          nested: GRADEBOOK_NESTED,
          writes: GRADEBOOK_COLLECTIONS.map((c) => ({ segment: c.segment, entity: c.entity, put: PUT, delete: DELETE })),
          posts: [
            { path: '/classes/:classId/lineItems', entity: g.lineItem, scopes: POST },
            { path: '/lineItems/:lineItemId/results', entity: g.result, scopes: POST },
          ],
        });
      },
      { prefix: GRADEBOOK_BASE },
    );
  };
}
