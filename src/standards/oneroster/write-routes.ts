/**
 * The write endpoints of the Gradebook service, for any `Writable`: PUT and DELETE /{sourcedId}
 * (201 created / 200 replaced, 204 deleted) and collection POSTs under a parent path
 * (201 + {"sourcedIdPairs": […]}). Each endpoint checks its OAuth scopes first, then runs in the
 * caller's tenant transaction with the policy engine's decision (gradebook-writes.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf, withTenant } from '../../platform/auth/request.js';
import type { Entity } from './entity-kit.js';
import {
  deleteObject,
  parseBody,
  postObjects,
  putObject,
  type Writable,
  type WriteContext,
} from './gradebook-writes.js';
import { invalidData, unknownObject } from './imsx-errors.js';
import { objectExists } from './query.js';
import { readAccess, requireScope, type ParentCheck } from './service.js';

export interface WriteScopes {
  put: string[];
  delete: string[];
}

/** The objects of a collection POST body: `{ "<plural>": [ … ] }`, 1 to 1000 of them. */
function collectionBody(body: unknown, plural: string): unknown[] {
  const list = (body as Record<string, unknown> | null)?.[plural];
  if (!Array.isArray(list) || list.length === 0 || list.length > 1000)
    throw invalidData(`The body must be {"${plural}": [ … ]} with 1 to 1000 objects.`);
  return list;
}

export function registerWrites<B>(app: FastifyInstance, segment: string, w: Writable<B>, scopes: WriteScopes): void {
  const { singular, table } = w.entity;
  app.put(`/${segment}/:sourcedId`, async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principalOf(request);
    requireScope(principal, scopes.put);
    const { sourcedId } = request.params as { sourcedId: string };
    const wrapped = (request.body as Record<string, unknown> | null)?.[singular];
    if (wrapped === undefined) throw invalidData(`The body must be {"${singular}": { … }}.`);
    const body = parseBody(w, wrapped);
    const outcome = await withTenant(request, async ({ tx, meta }) => {
      const access = await readAccess(tx, request, principal, meta, table);
      return putObject({ tx, principal, meta, access }, w, sourcedId, body);
    });
    return reply.status(outcome.created ? 201 : 200).send({ [singular]: outcome.object });
  });

  app.delete(`/${segment}/:sourcedId`, async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principalOf(request);
    requireScope(principal, scopes.delete);
    const { sourcedId } = request.params as { sourcedId: string };
    await withTenant(request, async ({ tx, meta }) => {
      const access = await readAccess(tx, request, principal, meta, table);
      await deleteObject({ tx, principal, meta, access }, w, sourcedId);
    });
    return reply.status(204).send();
  });
}

export interface PostRoute<B> {
  path: string;
  writable: Writable<B>;
  scopes: string[];
  /** Objects named in the path: they must exist within the caller's reach (404 otherwise). */
  parents: ParentCheck[];
  /** Reference fields each object takes from the path (field → path parameter); a different value sent is a 400. */
  fromPath: Record<string, string>;
  /** Further checks of the parsed objects, in the transaction (a 400 names the item). */
  check?: (ctx: WriteContext, params: Record<string, string>, bodies: B[]) => Promise<void>;
}

/** POST /{parent}/{id}/…/{plural}: creates each object, answering 201 with the sourcedIdPairs. */
export function registerPost<B>(app: FastifyInstance, route: PostRoute<B>): void {
  const { plural, table } = route.writable.entity;
  app.post(route.path, async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principalOf(request);
    requireScope(principal, route.scopes);
    const params = request.params as Record<string, string>;
    const bodies = collectionBody(request.body, plural).map((item, i) => {
      const injected: Record<string, { sourcedId: string }> = {};
      for (const [field, param] of Object.entries(route.fromPath)) {
        const given = (item as Record<string, { sourcedId?: unknown } | undefined> | null)?.[field]?.sourcedId;
        if (given !== undefined && given !== params[param])
          throw invalidData(`${plural}[${i}].${field} differs from the URL.`);
        injected[field] = { sourcedId: params[param]! };
      }
      return parseBody(route.writable, { ...(item as object), ...injected }, `${plural}[${i}]`);
    });
    const pairs = await withTenant(request, async ({ tx, meta }) => {
      const access = await readAccess(tx, request, principal, meta, table);
      for (const parent of route.parents) {
        const id = params[parent.param]!;
        if (!(await objectExists(tx, parent.entity, access, id)))
          throw unknownObject(`No ${parent.entity.singular} with sourcedId "${id.slice(0, 100)}".`);
      }
      const ctx = { tx, principal, meta, access };
      await route.check?.(ctx, params, bodies);
      return postObjects(ctx, route.writable, bodies);
    });
    return reply.status(201).send({ sourcedIdPairs: pairs });
  });
}

/** For the discovery document: the POST routes' paths, entities and scopes. */
export const describePosts = (
  routes: { path: string; writable: { entity: Entity }; scopes: string[] }[],
): { path: string; entity: Entity; scopes: string[] }[] =>
  routes.map((r) => ({ path: r.path, entity: r.writable.entity, scopes: r.scopes }));
