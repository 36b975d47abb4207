/**
 * `schola edfi load <files|directory…> --tenant <slug> [--report <file.json>] [--resume]`: loads Ed-Fi 5.2 XML
 * interchange files (directories are searched for .xml) in dependency order, with a progress line
 * on stderr (records, records/s) and a per-resource table at the end. Bad elements are reported and
 * skipped; exit code 1 when any element was rejected, 2 for an unknown tenant or a missing path.
 * Each batch commits on its own and the count committed is saved in a checkpoint file, so an
 * interrupted load continues with --resume (the file is removed when a load completes).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Database } from '../../platform/db/database.js';
import { interchangeFiles, loadInterchange, UnknownTenantError } from '../../standards/edfi/interchange/load.js';
import { reportText, type LoadProgress } from '../../standards/edfi/interchange/report.js';
import { projectAfterLoad } from '../../standards/edfi-oneroster/run.js';

export interface EdfiCliHelpers {
  run(fn: () => Promise<void>): Promise<void>;
  openDatabase(): Promise<Database>;
}

/** A progress line: rewritten in place on a terminal, one line per phase change otherwise. */
export function loadProgressPrinter(stream: {
  isTTY?: boolean;
  write(text: string): unknown;
}): (p: LoadProgress) => void {
  let lastPhase = '';
  return (p) => {
    const seconds = Math.max(p.elapsedMs / 1000, 0.001);
    const line = `${p.phase} (${p.file}): ${p.records} records, ${Math.round(p.records / seconds)} records/s`;
    if (stream.isTTY) stream.write(`\r\x1b[K${line}`);
    else if (p.phase !== lastPhase) stream.write(`${line}\n`);
    lastPhase = p.phase;
  };
}

/** Identifies a load: the tenant and every file (path, size, modification time) in load order. */
function checkpointKey(tenant: string, paths: readonly string[]): string {
  const files = interchangeFiles(paths).map((f) => {
    const stat = fs.statSync(f);
    return `${path.resolve(f)}:${stat.size}:${stat.mtimeMs}`;
  });
  return createHash('sha256')
    .update([tenant, ...files].join('\n'))
    .digest('hex');
}

/** The committed count saved by an interrupted load of the same files, or an error if it was another load. */
function readCheckpoint(file: string, key: string): number {
  if (!fs.existsSync(file)) throw new CliError(`no checkpoint at ${file}: nothing to resume`);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { key?: string; committed?: number };
  if (saved.key !== key)
    throw new CliError(
      `the checkpoint ${file} belongs to another load (different tenant or files): run without --resume`,
    );
  return Number(saved.committed ?? 0);
}

class CliError extends Error {}

export function registerEdfiCommands(program: Command, helpers: EdfiCliHelpers): void {
  const edfi = program.command('edfi').description('Ed-Fi 5.2 data (XML interchange loading)');
  edfi
    .command('load <paths...>')
    .description('load Ed-Fi XML interchange files or directories into a tenant (upserts; re-runnable)')
    .requiredOption('--tenant <slug>', 'tenant slug (or id)')
    .option('--report <file>', 'also write the full report (every rejected element) as JSON to this file')
    .option(
      '--checkpoint <file>',
      'where progress is saved after every committed batch',
      '.schola-edfi-load.checkpoint.json',
    )
    .option('--resume', 'continue an interrupted load of the same files from its checkpoint')
    .action((paths: string[], opts: { tenant: string; report?: string; checkpoint: string; resume?: boolean }) =>
      helpers.run(async () => {
        const missing = paths.find((p) => !fs.existsSync(p));
        if (missing) {
          console.error(`schola: no such file or directory: ${missing}`);
          process.exitCode = 2;
          return;
        }
        const database = await helpers.openDatabase();
        try {
          const key = checkpointKey(opts.tenant, paths);
          const resumeFrom = opts.resume ? readCheckpoint(opts.checkpoint, key) : 0;
          if (resumeFrom > 0) console.error(`resuming: ${resumeFrom} elements were committed by the interrupted load`);
          const report = await loadInterchange(database, opts.tenant, paths, {
            onProgress: loadProgressPrinter(process.stderr),
            resumeFrom,
            onCommitted: (committed) => fs.writeFileSync(opts.checkpoint, `${JSON.stringify({ key, committed })}\n`),
          });
          fs.rmSync(opts.checkpoint, { force: true });
          if (process.stderr.isTTY) process.stderr.write('\n');
          if (opts.report) fs.writeFileSync(opts.report, `${JSON.stringify(report, null, 2)}\n`);
          console.log(reportText(report));
          console.log(await projectAfterLoad(database, report.tenantId));
          if (report.rejected > 0 || report.errors.length > 0) process.exitCode = 1;
        } catch (error) {
          if (!(error instanceof UnknownTenantError) && !(error instanceof CliError)) throw error;
          console.error(`schola: ${error.message}`);
          process.exitCode = 2;
        } finally {
          await database.close();
        }
      }),
    );
}
