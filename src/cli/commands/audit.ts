/**
 * `schola audit verify [--tenant <slug>]`: recomputes the tamper-evident FERPA audit chains and
 * prints one line per tenant — "ok: N rows" or the first problem. Exit code 1 when any chain is
 * broken, 2 for an unknown tenant slug.
 */
import type { Command } from 'commander';
import type { Database } from '../../platform/db/database.js';
import { verifyAuditChain, type TenantChainReport } from '../../platform/audit/verify.js';

export interface AuditCliHelpers {
  /** main.ts `run`: maps known errors to a message and an exit code. */
  run(fn: () => Promise<void>): Promise<void>;
  /** Opens the configured database (main.ts: openConfiguredDatabase(config())). */
  openDatabase(): Promise<Database>;
}

export function describeChain(report: TenantChainReport): string {
  if (report.ok) return `${report.slug}: ok: ${report.rows} rows`;
  const p = report.problem!;
  const row = p.rowId === null ? '' : ` (row id ${p.rowId})`;
  return `${report.slug}: BROKEN: ${p.kind} at seq ${p.seq}${row}: ${p.detail} [${report.rows} rows]`;
}

export function registerAuditCommands(program: Command, helpers: AuditCliHelpers): void {
  const audit = program.command('audit').description('the tamper-evident FERPA audit trail (compliance.audit_logs)');
  audit
    .command('verify')
    .description("recompute each tenant's audit hash chain and name the first edited, deleted or inserted row")
    .option('--tenant <slug>', 'only this tenant')
    .action((opts: { tenant?: string }) =>
      helpers.run(async () => {
        const database = await helpers.openDatabase();
        try {
          let tenantId: string | undefined;
          if (opts.tenant !== undefined) {
            // Owner-connection lookup of the slug: the tenant is what we are looking for.
            const found = await database.query<{ id: string }>(
              'SELECT id::text AS id FROM platform.tenants WHERE slug = $1',
              [opts.tenant],
            );
            if (!found[0]) {
              console.error(`schola: no tenant with slug "${opts.tenant}"`);
              process.exitCode = 2;
              return;
            }
            tenantId = found[0].id;
          }
          const { tenants } = await verifyAuditChain(database, { tenantId });
          if (tenants.length === 0) console.log('no tenants');
          for (const report of tenants) console.log(describeChain(report));
          const broken = tenants.filter((t) => !t.ok).length;
          if (broken > 0) {
            console.error(`schola: ${broken} of ${tenants.length} audit chain(s) broken`);
            process.exitCode = 1;
          }
        } finally {
          await database.close();
        }
      }),
    );
}
