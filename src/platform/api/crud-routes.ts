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
 *
 * A table a domain owns (Resource.ownedBy) keeps its reads here; its writes go through the domain's
 * service, and a generic write answers 405 naming the endpoints to use.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/errors.js';
import { crudContext, type CrudOptions } from './crud-kit.js';
import { registerGetOne, registerList } from './crud-reads.js';
import { registerCreate, registerDelete, registerUpdates } from './crud-writes.js';
import type { Resource } from './registry.js';

export type { ApiAuditor, AuditEvent, CrudOptions, WriteRule } from './crud-kit.js';

export function registerCrudRoutes(app: FastifyInstance, resource: Resource, options: CrudOptions): void {
  const ctx = crudContext(resource, options);
  // An owner may serve the list path itself (its service route is registered first).
  if (!(resource.ownedBy && app.hasRoute({ method: 'GET', url: resource.path }))) registerList(app, ctx);
  const writes = resource.writable && !resource.ownedBy;
  if (writes) registerCreate(app, ctx);
  if (resource.key.length > 0) {
    registerGetOne(app, ctx);
    if (writes) {
      registerUpdates(app, ctx);
      registerDelete(app, ctx);
    }
  }
  if (resource.ownedBy) refuseOwnedWrites(app, resource, resource.ownedBy);
}

/**
 * 405 for each generic write of an owned table, unless the owner serves that method and path itself
 * (its service route is registered first, by the composition root).
 */
function refuseOwnedWrites(app: FastifyInstance, resource: Resource, owner: NonNullable<Resource['ownedBy']>): void {
  const item = `${resource.path}/${resource.key.map((_, i) => `:k${i}`).join('/')}`;
  const refusals = [
    ['POST', resource.path],
    ...(resource.key.length > 0 ? ['PUT', 'PATCH', 'DELETE'].map((m) => [m, item]) : []),
  ] as const;
  for (const [method, url] of refusals) {
    if (app.hasRoute({ method, url })) continue;
    app.route({
      method,
      url,
      handler: async () => {
        throw new AppError(
          'method_not_allowed',
          `${resource.entry.qualifiedName} is written only through the ${owner.domain} service: ` +
            `${owner.writeVia.join('; ')}.`,
          { headers: { allow: 'GET' }, writeVia: owner.writeVia },
        );
      },
    });
  }
}
