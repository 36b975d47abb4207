import type { FastifyRequest } from 'fastify';
import { withTenant, withTenantRead } from '../../platform/auth/request.js';
import type { EdfiWork } from './store.js';

/** Runs `fn` as the caller, in one transaction confined to their tenant. */
export function asCaller<T>(request: FastifyRequest, fn: (work: EdfiWork) => Promise<T>): Promise<T> {
  return withTenant(request, ({ tx, tenantId, principal, meta }) => fn({ tx, tenantId, principal, meta }));
}

/**
 * Runs read-only `fn` as the caller. `audited`: the read leaves an audit row (sensitive resources), so
 * it needs a transaction; other reads run without one (withTenantRead: two round trips fewer).
 */
export function asReader<T>(request: FastifyRequest, audited: boolean, fn: (work: EdfiWork) => Promise<T>): Promise<T> {
  return audited ? asCaller(request, fn) : withTenantRead(request, fn);
}
