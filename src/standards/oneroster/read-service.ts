/**
 * A read-only OneRoster service under its base path (Rostering, Resources): imsx error bodies, list and
 * /{sourcedId} for every top-level collection, the nested reads, and its discovery document.
 */
import type { FastifyInstance } from 'fastify';
import { registerDiscovery, type ServiceDescription } from './discovery.js';
import { useImsxErrors } from './imsx-errors.js';
import { registerCollection, registerSingle, type ServiceOptions } from './service.js';

type ReadOnlyDescription = Pick<ServiceDescription, 'title' | 'base' | 'collections' | 'nested'>;

export function readOnlyService(description: ReadOnlyDescription, options: ServiceOptions) {
  return async function readService(app: FastifyInstance): Promise<void> {
    await app.register(
      async (service) => {
        useImsxErrors(service);
        for (const c of description.collections) {
          registerCollection(service, { path: `/${c.segment}`, entity: c.entity, scopes: c.scopes }, options);
          registerSingle(service, `/${c.segment}/:sourcedId`, c.entity, c.scopes);
        }
        for (const nested of description.nested) registerCollection(service, nested, options);
        registerDiscovery(service, description);
      },
      { prefix: description.base },
    );
  };
}
