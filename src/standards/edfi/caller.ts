/** The Ed-Fi binding's handles on a tenant (session or transaction), made from a request as its caller. */
import type { FastifyRequest } from 'fastify';
import type { Principal, RequestMeta } from '../../platform/auth/roles.js';
import { withTenant, withTenantRead } from '../../platform/auth/request.js';
import type { TenantDb, Tx } from '../../platform/db/engine.js';

/** Ed-Fi work on a tenant session that may not be a transaction (reads, the POST batch). */
export interface EdfiSession {
  readonly db: TenantDb;
  readonly tenantId: string;
  readonly principal: Principal;
  readonly meta: RequestMeta;
}

/** Ed-Fi work inside one tenant transaction (writes, audited reads). */
export interface EdfiWork extends EdfiSession {
  readonly db: Tx;
}

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
