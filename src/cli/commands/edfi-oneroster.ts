/**
 * `schola edfi project --tenant <slug> [--only <kinds>]`: projects the tenant's Ed-Fi data into its
 * OneRoster tables (idempotent; rows whose Ed-Fi source is gone become tobedeleted) and prints the
 * rows inserted / updated / retired per table. Exit code 2 for an unknown tenant or kind.
 */
import type { Command } from 'commander';
import type { Database } from '../../platform/db/database.js';
import { PROJECTION_KINDS, type ProjectionKind } from '../../standards/edfi-oneroster/projection.js';
import { projectionText, projectTenant } from '../../standards/edfi-oneroster/run.js';

export interface EdfiOneRosterCliHelpers {
  run(fn: () => Promise<void>): Promise<void>;
  openDatabase(): Promise<Database>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerEdfiOneRosterCommands(program: Command, helpers: EdfiOneRosterCliHelpers): void {
  // `schola edfi` may already exist (the interchange loader's commands): add to it.
  const edfi =
    program.commands.find((c) => c.name() === 'edfi') ?? program.command('edfi').description('Ed-Fi 5.2 data');
  edfi
    .command('project')
    .description(
      "project the tenant's Ed-Fi data into its OneRoster tables (orgs, sessions, courses, classes, users, " +
        'enrollments, line items, results)',
    )
    .requiredOption('--tenant <slug>', 'tenant slug (or id)')
    .option('--only <kinds>', `comma-separated subset of: ${PROJECTION_KINDS.join(', ')}`)
    .action((opts: { tenant: string; only?: string }) =>
      helpers.run(async () => {
        const only = opts.only?.split(',').map((k) => k.trim());
        const unknown = only?.filter((k) => !(PROJECTION_KINDS as readonly string[]).includes(k)) ?? [];
        if (unknown.length > 0) {
          console.error(`schola: unknown kind(s) ${unknown.join(', ')}; expected ${PROJECTION_KINDS.join(', ')}`);
          process.exitCode = 2;
          return;
        }
        const database = await helpers.openDatabase();
        try {
          // Owner-connection lookup of the slug: the tenant is what we are looking for.
          const column = UUID.test(opts.tenant) ? 'id' : 'slug';
          const [tenant] = await database.query<{ id: string }>(
            `SELECT id::text AS id FROM platform.tenants WHERE ${column} = $1`,
            [opts.tenant],
          );
          if (!tenant) {
            console.error(`schola: no tenant "${opts.tenant}"`);
            process.exitCode = 2;
            return;
          }
          const report = await projectTenant(database, tenant.id, only ? { only: only as ProjectionKind[] } : {});
          console.log(projectionText(report));
        } finally {
          await database.close();
        }
      }),
    );
}
