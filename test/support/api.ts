/**
 * An app with the generated API for tests, acting as a given principal (set by an onRequest hook,
 * standing in for authentication), with a guard and auditor of the test's choosing.
 */
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../src/platform/api/plugin.js';
import type { ApiAuditor, AuditEvent } from '../../src/platform/api/crud-routes.js';
import type { ApiGuard } from '../../src/platform/api/guard.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import type { Database } from '../../src/platform/db/database.js';

export const allowAll: ApiGuard = {
  async decide() {
    return { allowed: true, reason: 'test', auditReads: true, auditWrites: true, dataCategories: ['test'] };
  },
};

export class RecordingAuditor implements ApiAuditor {
  events: AuditEvent[] = [];
  async record(_tx: unknown, _principal: Principal, _meta: unknown, event: AuditEvent): Promise<void> {
    this.events.push(event);
  }
}

export function districtAdmin(tenantId: string): Principal {
  return { kind: 'user', tenantId, actorId: 'test-admin', roles: ['district_admin'], scopes: [] };
}

export async function apiApp(
  database: Database,
  options: { principal?: () => Principal | undefined; guard?: ApiGuard; auditor?: ApiAuditor },
): Promise<FastifyInstance> {
  return buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (app) => {
        app.addHook('onRequest', async (request) => {
          request.principal = options.principal?.();
        });
      },
      apiRoutes({ guard: options.guard ?? allowAll, auditor: options.auditor ?? new RecordingAuditor() }),
    ],
  });
}
