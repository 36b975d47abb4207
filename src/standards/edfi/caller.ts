import type { FastifyRequest } from 'fastify';
import { withTenant } from '../../platform/auth/request.js';
import type { EdfiWork } from './store.js';

/** Runs `fn` as the caller, in one transaction confined to their tenant. */
export function asCaller<T>(request: FastifyRequest, fn: (work: EdfiWork) => Promise<T>): Promise<T> {
  return withTenant(request, ({ tx, tenantId, principal, meta }) => fn({ tx, tenantId, principal, meta }));
}
