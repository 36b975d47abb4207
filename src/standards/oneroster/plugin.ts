/**
 * The OneRoster 1.2 REST provider: the Rostering, Gradebook and Resources services, each answering
 * errors in the imsx shape and serving its OpenAPI document under {base}/discovery/.
 * One line in src/app.ts: `oneRosterRoutes()`.
 */
import type { FastifyInstance } from 'fastify';
import { gradebookRoutes } from './gradebook-routes.js';
import { resourcesRoutes } from './resources-service.js';
import { rosteringRoutes } from './rostering-routes.js';
import type { ServiceOptions } from './service.js';

export function oneRosterRoutes(options: ServiceOptions = {}) {
  return async function oneRoster(app: FastifyInstance): Promise<void> {
    await rosteringRoutes(options)(app);
    await gradebookRoutes(options)(app);
    await resourcesRoutes(options)(app);
  };
}
