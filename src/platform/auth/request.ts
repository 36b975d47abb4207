/**
 * What every route knows about its caller. The authentication hook (src/platform/auth/authenticate.ts)
 * sets `request.principal` from a session cookie, a session bearer token or an OAuth access token;
 * routes call `principalOf(request)` (401 when nobody signed in) and run their work with
 * `withTenant(request, fn)` so row-level security confines it to the caller's tenant.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';
import { readAsTenant, writeAsTenant } from '../db/tenant-sessions.js';
import { tenantTransaction, type TenantUnitOfWork } from '../db/tenant-transaction.js';
import type { TenantDb } from '../db/engine.js';
import type { Principal, RequestMeta } from './roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new AppError('unauthenticated', 'Sign in, or send a bearer token, to use this endpoint.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  return request.principal;
}

export function metaOf(request: FastifyRequest): RequestMeta {
  const justification = request.headers['x-justification'];
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    requestId: request.id,
    justification: typeof justification === 'string' && justification.length <= 500 ? justification : undefined,
  };
}

/** Runs `fn` in one transaction confined (by row-level security) to the caller's tenant. */
export function withTenant<T>(
  request: FastifyRequest,
  fn: (work: TenantUnitOfWork & { principal: Principal; meta: RequestMeta }) => Promise<T>,
): Promise<T> {
  const principal = principalOf(request);
  const meta = metaOf(request);
  return tenantTransaction(request.server.database, principal.tenantId, (work) => fn({ ...work, principal, meta }), {
    onHookError: (error) => request.log.error({ err: error }, 'after-commit hook failed'),
  });
}

/** Tenant work on a session that is not a transaction (see TenantDb): the caller and its tenant. */
export interface TenantSession {
  readonly db: TenantDb;
  readonly tenantId: string;
  readonly principal: Principal;
  readonly meta: RequestMeta;
}

/**
 * Runs read-only `fn` confined (by row-level security) to the caller's tenant — on a server without
 * a transaction, which saves two round trips per request (src/platform/db/tenant-sessions.ts). For
 * reads that write nothing, audit rows included: a write through it fails.
 */
export function withTenantRead<T>(request: FastifyRequest, fn: (work: TenantSession) => Promise<T>): Promise<T> {
  const principal = principalOf(request);
  const meta = metaOf(request);
  return readAsTenant(request.server.database, principal.tenantId, (db) =>
    fn({ db, tenantId: principal.tenantId, principal, meta }),
  );
}

/**
 * Runs `fn` confined to the caller's tenant on a tenant write session (tenant-sessions.ts): on a
 * server without an explicit transaction, for work whose statements each stand alone or that opens
 * `db.transaction(…)` for several.
 */
export function withTenantWrite<T>(request: FastifyRequest, fn: (work: TenantSession) => Promise<T>): Promise<T> {
  const principal = principalOf(request);
  const meta = metaOf(request);
  return writeAsTenant(request.server.database, principal.tenantId, (db) =>
    fn({ db, tenantId: principal.tenantId, principal, meta }),
  );
}
