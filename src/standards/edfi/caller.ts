import type { FastifyRequest } from 'fastify';
import { withTenant, withTenantRead } from '../../platform/auth/request.js';
import type { EdfiSession, EdfiWork } from './store.js';

/** Runs `fn` as the caller, in one transaction confined to their tenant. */
export function asCaller<T>(request: FastifyRequest, fn: (work: EdfiWork) => Promise<T>): Promise<T> {
  return withTenant(request, ({ tx, tenantId, principal, meta }) => fn({ db: tx, tenantId, principal, meta }));
}

/**
 * Runs read-only `read` as the caller. With `audit` (sensitive resources: the read leaves an audit row)
 * both run in one transaction; without, the read runs on a tenant session, no transaction
 * (withTenantRead: two round trips fewer).
 */
export function asReader<T>(
  request: FastifyRequest,
  read: (work: EdfiSession) => Promise<T>,
  audit?: (work: EdfiWork, result: T) => Promise<void>,
): Promise<T> {
  if (!audit) return withTenantRead(request, read);
  return asCaller(request, async (work) => {
    const result = await read(work);
    await audit(work, result);
    return result;
  });
}
