/**
 * The assessment endpoints of the Gradebook service (/ims/oneroster/gradebook/v1p2):
 * assessmentLineItems and assessmentResults — list, GET/PUT/DELETE /{sourcedId}.
 * Scopes: reads assessment.readonly, PUT assessment.createput, DELETE assessment.delete; the
 * gradebook scopes do not reach them (nor do the assessment scopes reach lineItems/results).
 * Registered by gradebookRoutes on the service's scope, and listed in its discovery document.
 */
import type { FastifyInstance } from 'fastify';
import * as a from './assessment-resources.js';
import { scope, type Entity } from './entity-kit.js';
import { registerCollection, registerSingle, type ServiceOptions } from './service.js';
import { registerWrites, type WriteScopes } from './write-routes.js';

export const ASSESSMENT_READ = [scope('assessment.readonly')];
export const ASSESSMENT_WRITE: WriteScopes = {
  put: [scope('assessment.createput')],
  delete: [scope('assessment.delete')],
};

export const ASSESSMENT_COLLECTIONS: { segment: string; entity: Entity }[] = [
  { segment: 'assessmentLineItems', entity: a.assessmentLineItem },
  { segment: 'assessmentResults', entity: a.assessmentResult },
];

export function registerAssessmentRoutes(service: FastifyInstance, options: ServiceOptions): void {
  for (const c of ASSESSMENT_COLLECTIONS) {
    registerCollection(service, { path: `/${c.segment}`, entity: c.entity, scopes: ASSESSMENT_READ }, options);
    registerSingle(service, `/${c.segment}/:sourcedId`, c.entity, ASSESSMENT_READ);
  }
  registerWrites(service, 'assessmentLineItems', a.ASSESSMENT_WRITES.assessmentLineItem, ASSESSMENT_WRITE);
  registerWrites(service, 'assessmentResults', a.ASSESSMENT_WRITES.assessmentResult, ASSESSMENT_WRITE);
}
