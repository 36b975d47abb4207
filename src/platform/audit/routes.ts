/**
 * The audit trail's check from the web app: `POST /admin/audit/verify` recomputes the caller's tenant
 * hash chain (what `schola audit verify` does for every tenant) and names the first broken row.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../auth/request.js';
import { AppError } from '../http/errors.js';
import { route } from '../service/routes.js';
import { verifyAuditChain } from './verify.js';

const report = z.object({
  rows: z.number(),
  ok: z.boolean(),
  problem: z.object({ kind: z.string(), seq: z.number(), rowId: z.number().nullable(), detail: z.string() }).optional(),
});

export function auditRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'POST',
      url: '/admin/audit/verify',
      summary: "Verify the tenant's audit hash chain",
      tags: ['audit'],
      response: { status: 200, description: 'The chain report', schema: report },
    },
    async ({ request }) => {
      const principal = principalOf(request);
      if (!principal.roles.some((r) => r === 'district_admin' || r === 'auditor'))
        throw new AppError('forbidden', 'Only a district administrator or an auditor may verify the audit trail.');
      // The chain is read as the connection owner (as the CLI does), for the caller's tenant only.
      const [tenant] = (await verifyAuditChain(app.database, { tenantId: principal.tenantId })).tenants;
      return {
        rows: tenant?.rows ?? 0,
        ok: tenant?.ok ?? true,
        ...(tenant?.problem ? { problem: tenant.problem } : {}),
      };
    },
  );
}
