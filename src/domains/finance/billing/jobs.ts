/**
 * Billing's background tasks: the monthly invoice run (queued by the route, and on the 1st of every
 * month for every tenant with an organization) and the daily overdue sweep with its reminders. Each
 * opens its own unit of work per tenant as the billing system principal; both are idempotent (unique
 * invoice per enrollment and month; reminders recorded on the invoice), so a retried job is harmless.
 */
import type { FastifyInstance } from 'fastify';
import type { TaskDefinition } from '../../../platform/jobs/tasks.js';
import { runWork, systemPrincipal } from '../../../platform/service/work.js';
import { generateInvoices } from './generate.js';
import { overdueSweep } from './overdue.js';
import { isoDay } from './store.js';

export const GENERATE_TASK = 'billing.generate-invoices';
export const OVERDUE_TASK = 'billing.overdue-sweep';

export interface GeneratePayload {
  tenantId?: string;
  period?: string;
  organizationId?: string;
}

const thisMonth = () => isoDay(new Date()).slice(0, 7);

export function billingTasks(app: FastifyInstance): TaskDefinition[] {
  const env = () => ({ database: app.database, access: app.access, jobs: app.jobs, events: app.events });
  /** Tenants holding billing organizations (read as the owner: tasks run outside tenant transactions). */
  const tenants = async (only?: string) =>
    only
      ? [only]
      : (
          await app.database.query<{ tenant_id: string }>(
            'SELECT DISTINCT tenant_id FROM finance.products WHERE type = $1',
            ['tuition'],
          )
        ).map((r) => r.tenant_id);
  const generate: TaskDefinition<GeneratePayload> = {
    name: GENERATE_TASK,
    schedule: { cron: '0 6 1 * *', timeZone: 'America/Sao_Paulo' },
    expireInSeconds: 60 * 60,
    async run(payload, context) {
      for (const tenantId of await tenants(payload.tenantId)) {
        const result = await runWork(env(), systemPrincipal(tenantId, 'billing'), {}, (work) =>
          generateInvoices(work, { period: payload.period ?? thisMonth(), organizationId: payload.organizationId }),
        );
        context.log.info({ tenantId, created: result.created, existing: result.existing }, 'invoice run');
      }
    },
  };
  const sweep: TaskDefinition<{ tenantId?: string }> = {
    name: OVERDUE_TASK,
    schedule: { cron: '0 7 * * *', timeZone: 'America/Sao_Paulo' },
    async run(payload, context) {
      for (const tenantId of await tenants(payload.tenantId)) {
        const result = await runWork(env(), systemPrincipal(tenantId, 'billing'), {}, (work) => overdueSweep(work));
        context.log.info({ tenantId, ...result }, 'overdue sweep');
      }
    },
  };
  return [generate, sweep];
}
