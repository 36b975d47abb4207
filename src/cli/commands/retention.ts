/**
 * `schola retention run [--dry-run] [--tenant <slug>]`: enforces the retention policies (or lists
 * what they would remove) and prints one line per policy and audit-log partition. Without --tenant a
 * real run covers every tenant and drops the audit-log partitions past retention; with it, partitions
 * are only listed (they hold every tenant's rows). Exit code 1 when a policy failed, 2 for an unknown slug.
 */
import type { Command } from 'commander';
import type { Database } from '../../platform/db/database.js';
import type { WorkEnvironment } from '../../platform/service/work.js';
import { runRetention, type RetentionReport } from '../../domains/compliance/index.js';

export interface RetentionCliHelpers {
  run(fn: () => Promise<void>): Promise<void>;
  openDatabase(): Promise<Database>;
  /** The units of work's environment over that database (main.ts: the application's access control). */
  environment(database: Database): WorkEnvironment;
}

export function describeRetention(slug: string, report: RetentionReport): string[] {
  const verb = report.dryRun ? 'would remove' : 'removed';
  const lines = report.policies.map((p) => {
    const what = `${slug}: ${p.tableName} [${p.dataCategory}, ${p.disposalMethod}]`;
    if (p.error) return `${what}: FAILED: ${p.error}`;
    const held = p.held > 0 ? `, ${p.held} kept by legal hold` : '';
    const sample = p.sample.length > 0 ? ` (${p.sample.slice(0, 5).join(', ')}${p.rows > 5 ? ', …' : ''})` : '';
    return `${what}: ${verb} ${p.rows} row(s) older than ${p.cutoff?.slice(0, 10) ?? '?'}${held}${sample}`;
  });
  for (const part of report.auditPartitions) {
    const fate = part.droppable ? (report.dryRun ? 'would be dropped' : 'dropped') : `kept: ${part.reason}`;
    lines.push(`${slug}: audit-log partition ${part.partition} (${part.rows} row(s) of this tenant): ${fate}`);
  }
  if (lines.length === 0) lines.push(`${slug}: no active retention policy`);
  return lines;
}

export function registerRetentionCommands(program: Command, helpers: RetentionCliHelpers): void {
  const retention = program.command('retention').description('data retention policies and legal holds');
  retention
    .command('run')
    .description('enforce the retention policies now (or, with --dry-run, list what would go)')
    .option('--dry-run', 'change nothing; list what would be removed')
    .option('--tenant <slug>', 'only this tenant')
    .action((opts: { dryRun?: boolean; tenant?: string }) =>
      helpers.run(async () => {
        const database = await helpers.openDatabase();
        try {
          const tenants = await database.query<{ id: string; slug: string }>(
            'SELECT id::text AS id, slug FROM platform.tenants ORDER BY slug',
          );
          const chosen = opts.tenant === undefined ? undefined : tenants.find((t) => t.slug === opts.tenant);
          if (opts.tenant !== undefined && !chosen) {
            console.error(`schola: no tenant with slug "${opts.tenant}"`);
            process.exitCode = 2;
            return;
          }
          const reports = await runRetention(helpers.environment(database), {
            tenantId: chosen?.id,
            dryRun: opts.dryRun === true,
          });
          let failed = 0;
          for (const [tenantId, report] of reports) {
            const slug = tenants.find((t) => t.id === tenantId)?.slug ?? tenantId;
            for (const line of describeRetention(slug, report)) console.log(line);
            failed += report.policies.filter((p) => p.error).length;
          }
          if (failed > 0) {
            console.error(`schola: ${failed} retention polic${failed === 1 ? 'y' : 'ies'} failed`);
            process.exitCode = 1;
          }
        } finally {
          await database.close();
        }
      }),
    );
}
