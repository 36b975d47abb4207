/**
 * `schola oneroster import <zip|directory> --tenant <slug> [--partial] [--report <file.json>]`
 * validates and applies a OneRoster 1.2 (or 1.1) CSV package all-or-nothing, with a progress line
 * on stderr (rows, rows/s); prints the report as text; exit code 1 when it has errors (nothing
 * applied unless --partial), 2 for an unknown tenant or a missing source.
 * `schola oneroster export <directory> --tenant <slug>` writes the tenant's active rows as a 1.2
 * bulk package.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Database } from '../../platform/db/database.js';
import { exportPackage } from '../../standards/oneroster/csv/export.js';
import { importPackage, type ImportProgress } from '../../standards/oneroster/csv/import.js';
import { reportText } from '../../standards/oneroster/csv/report.js';

export interface OneRosterCliHelpers {
  run(fn: () => Promise<void>): Promise<void>;
  openDatabase(): Promise<Database>;
}

async function tenantIdOf(database: Database, slug: string): Promise<string | undefined> {
  // Owner-connection lookup of the slug: the tenant is what we are looking for.
  const found = await database.query<{ id: string }>('SELECT id::text AS id FROM platform.tenants WHERE slug = $1', [
    slug,
  ]);
  return found[0]?.id;
}

/** A progress line: rewritten in place on a terminal, one line per finished file otherwise. */
export function progressPrinter(
  stream: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): unknown },
): (p: ImportProgress) => void {
  const started = Date.now();
  return (p) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const line = `${p.file}: ${p.fileRows} rows; total ${p.rows} rows, ${Math.round(p.rows / seconds)} rows/s`;
    if (stream.isTTY) stream.write(`\r\x1b[K${line}${p.phase === 'done' ? '\n' : ''}`);
    else if (p.phase === 'done') stream.write(`${line}\n`);
  };
}

export function registerOneRosterCommands(program: Command, helpers: OneRosterCliHelpers): void {
  const oneroster = program.command('oneroster').description('OneRoster 1.2 CSV packages (import, export)');
  oneroster
    .command('import <source>')
    .description('validate and apply a OneRoster CSV package (a .zip or a directory), all-or-nothing')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .option('--partial', 'apply the good rows and report the bad ones', false)
    .option('--report <file>', 'also write the report as JSON to this file')
    .action((source: string, opts: { tenant: string; partial: boolean; report?: string }) =>
      helpers.run(async () => {
        if (!fs.existsSync(source)) {
          console.error(`schola: no such file or directory: ${source}`);
          process.exitCode = 2;
          return;
        }
        const database = await helpers.openDatabase();
        try {
          const tenantId = await tenantIdOf(database, opts.tenant);
          if (!tenantId) {
            console.error(`schola: no tenant with slug "${opts.tenant}"`);
            process.exitCode = 2;
            return;
          }
          const report = await importPackage(database, tenantId, source, {
            partial: opts.partial,
            onProgress: progressPrinter(process.stderr),
          });
          if (opts.report) fs.writeFileSync(opts.report, `${JSON.stringify(report, null, 2)}\n`);
          console.log(reportText(report));
          if (!report.ok) process.exitCode = 1;
        } finally {
          await database.close();
        }
      }),
    );
  oneroster
    .command('export <directory>')
    .description("write the tenant's active OneRoster rows as a 1.2 bulk CSV package")
    .requiredOption('--tenant <slug>', 'tenant slug')
    .action((directory: string, opts: { tenant: string }) =>
      helpers.run(async () => {
        const database = await helpers.openDatabase();
        try {
          const tenantId = await tenantIdOf(database, opts.tenant);
          if (!tenantId) {
            console.error(`schola: no tenant with slug "${opts.tenant}"`);
            process.exitCode = 2;
            return;
          }
          const summary = await exportPackage(database, tenantId, directory);
          const files = Object.entries(summary.files).map(([f, n]) => `${f} ${n}`);
          console.log(`Wrote a OneRoster 1.2 bulk package to ${directory}: ${files.join(', ') || 'no rows'}`);
        } finally {
          await database.close();
        }
      }),
    );
}
