/**
 * `schola edfi load <files|directory…> --tenant <slug> [--report <file.json>]`: loads Ed-Fi 5.2 XML
 * interchange files (directories are searched for .xml) in dependency order, with a progress line
 * on stderr (records, records/s) and a per-resource table at the end. Bad elements are reported and
 * skipped; exit code 1 when any element was rejected, 2 for an unknown tenant or a missing path.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Database } from '../../platform/db/database.js';
import { loadInterchange, UnknownTenantError } from '../../standards/edfi/interchange/load.js';
import { reportText, type LoadProgress } from '../../standards/edfi/interchange/report.js';
import { projectAfterLoad } from '../../standards/edfi-oneroster/run.js';

export interface EdfiCliHelpers {
  run(fn: () => Promise<void>): Promise<void>;
  openDatabase(): Promise<Database>;
}

/** A progress line: rewritten in place on a terminal, one line per phase change otherwise. */
export function loadProgressPrinter(stream: { isTTY?: boolean; write(text: string): unknown }): (p: LoadProgress) => void {
  let lastPhase = '';
  return (p) => {
    const seconds = Math.max(p.elapsedMs / 1000, 0.001);
    const line = `${p.phase} (${p.file}): ${p.records} records, ${Math.round(p.records / seconds)} records/s`;
    if (stream.isTTY) stream.write(`\r\x1b[K${line}`);
    else if (p.phase !== lastPhase) stream.write(`${line}\n`);
    lastPhase = p.phase;
  };
}

export function registerEdfiCommands(program: Command, helpers: EdfiCliHelpers): void {
  const edfi = program.command('edfi').description('Ed-Fi 5.2 data (XML interchange loading)');
  edfi
    .command('load <paths...>')
    .description('load Ed-Fi XML interchange files or directories into a tenant (upserts; re-runnable)')
    .requiredOption('--tenant <slug>', 'tenant slug (or id)')
    .option('--report <file>', 'also write the full report (every rejected element) as JSON to this file')
    .action((paths: string[], opts: { tenant: string; report?: string }) =>
      helpers.run(async () => {
        const missing = paths.find((p) => !fs.existsSync(p));
        if (missing) {
          console.error(`schola: no such file or directory: ${missing}`);
          process.exitCode = 2;
          return;
        }
        const database = await helpers.openDatabase();
        try {
          const report = await loadInterchange(database, opts.tenant, paths, { onProgress: loadProgressPrinter(process.stderr) });
          if (process.stderr.isTTY) process.stderr.write('\n');
          if (opts.report) fs.writeFileSync(opts.report, `${JSON.stringify(report, null, 2)}\n`);
          console.log(reportText(report));
          console.log(await projectAfterLoad(database, report.tenantId));
          if (report.rejected > 0 || report.errors.length > 0) process.exitCode = 1;
        } catch (error) {
          if (!(error instanceof UnknownTenantError)) throw error;
          console.error(`schola: ${error.message}`);
          process.exitCode = 2;
        } finally {
          await database.close();
        }
      }),
    );
}
