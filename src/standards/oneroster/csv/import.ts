/**
 * `importPackage`: validates and applies a OneRoster CSV package (1.2, or 1.1 mapped to 1.2) for
 * one tenant, all-or-nothing in ONE tenant transaction (row-level security confines every
 * statement). Files are processed in dependency order (run.ts); each is streamed into a staging
 * table with COPY in batches of 5000 rows (bounded memory; the next batch is parsed while the
 * server loads the previous one), checked in SQL (duplicates, references to the package or to
 * existing rows), merged with one INSERT … ON CONFLICT, and rows are withdrawn (tobedeleted).
 * Without `partial`, any error rolls everything back (the report still lists every bad row of every
 * file, and what --partial would have done); with `partial`, every row that does not depend on a bad
 * one is applied. One summary audit row per stored file.
 *
 * No input makes it throw: a package that cannot be opened, a corrupt entry, a file the database
 * refuses — each is a line of the report. Only a throw from `onProgress` (the caller aborting)
 * reaches the caller, as it was thrown.
 */
import type { Database } from '../../../platform/db/database.js';
import { tenantTransaction } from '../../../platform/db/tenant-transaction.js';
import { FILE_BY_NAME, FILES, LINE_ITEMS_1_1, USERS_1_1, type FileSpec } from './files.js';
import { openPackage, readManifest, type PackageSource } from './package.js';
import { IssueLog, type FileSummary, type ImportReport } from './report.js';
import type { ImportOptions } from './options.js';
import { Aborted, Run } from './run.js';
import { ZipFormatError } from './zip.js';

export type { ImportOptions, ImportProgress } from './options.js';

class RollBack extends Error {}

/** 1.1 is detected from the manifest, or from a 1.1 users.csv header (orgSourcedIds, role). */
async function specFor(pkg: PackageSource, name: string, version: '1.1' | '1.2'): Promise<FileSpec> {
  const spec = FILE_BY_NAME.get(name)!;
  if (name !== 'users' && name !== 'lineItems') return spec;
  if (version === '1.1') return name === 'users' ? USERS_1_1 : LINE_ITEMS_1_1;
  const header = await firstLine(pkg, name);
  if (name === 'users' && /(^|,)"?orgSourcedIds"?(,|$)/.test(header)) return USERS_1_1;
  if (name === 'lineItems' && /(^|,)"?gradingPeriodSourcedId"?(,|$)/.test(header)) return LINE_ITEMS_1_1;
  return spec;
}

/** The file's first line; empty when it cannot be read (reading the whole file reports why). */
async function firstLine(pkg: PackageSource, name: string): Promise<string> {
  let text = '';
  try {
    const stream = await pkg.open(name);
    for await (const chunk of stream) {
      text += chunk.toString();
      if (text.includes('\n') || text.length > 4096) break;
    }
    stream.destroy();
  } catch {
    return '';
  }
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[0]!
    .trim();
}

/** The package as a source of files, or the reason it cannot be opened (not a zip, unreadable). */
async function open(source: string | Buffer | PackageSource): Promise<PackageSource | string> {
  if (typeof source !== 'string' && !Buffer.isBuffer(source)) return source;
  try {
    return await openPackage(source);
  } catch (error) {
    if (error instanceof ZipFormatError || (error as NodeJS.ErrnoException).syscall !== undefined)
      return (error as Error).message;
    throw error;
  }
}

/** Nothing was committed: each file's counts become what --partial would have done. */
function notApplied(files: FileSummary[]): void {
  for (const f of files) {
    if (!f.applied) continue;
    const { inserted, updated, unchanged, markedToBeDeleted } = f;
    Object.assign(f, {
      applied: false,
      wouldApply: { inserted, updated, unchanged, markedToBeDeleted },
      inserted: 0,
      updated: 0,
      unchanged: 0,
      markedToBeDeleted: 0,
    });
  }
}

export async function importPackage(
  database: Database,
  tenantId: string,
  source: string | Buffer | PackageSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const log = new IssueLog();
  const files: FileSummary[] = [];
  let version: '1.1' | '1.2' = '1.2';
  let applied = false;
  let run: Run | undefined;
  const pkg = await open(source);
  if (typeof pkg === 'string') log.add({ file: 'package', line: 0, severity: 'error', reason: pkg });
  else {
    try {
      const manifest = await readManifest(pkg, log);
      if (manifest) {
        version = manifest.version;
        checkFileList(pkg, manifest.modes, log);
        await tenantTransaction(database, tenantId, async ({ tx }) => {
          run = await Run.start(tx, tenantId, pkg, log, files, version, options);
          for (const spec of FILES) {
            const mode = manifest.modes.get(spec.name);
            if (mode !== 'bulk' && mode !== 'delta') continue;
            // Declared but missing: already reported; the files that reference it are told so.
            if (!pkg.files.has(spec.name)) run.missing(spec.name, mode);
            else await run.file(await specFor(pkg, spec.name, version), mode);
          }
          if (log.errors > 0 && !options.partial) throw new RollBack();
        });
        applied = true;
      }
    } catch (error) {
      if (error instanceof Aborted) throw error.reason;
      if (!(error instanceof RollBack)) {
        // Not the package's fault as far as anyone can tell (a lost connection, a bug): said, not thrown.
        const message = error instanceof Error ? error.message : String(error);
        log.add({
          file: 'package',
          line: 0,
          severity: 'error',
          reason: `the import stopped, nothing was applied: ${message}`,
        });
        applied = false;
      }
    } finally {
      await pkg.close();
    }
  }
  if (!applied) notApplied(files);
  else if (run && run.changedTables.size > 0) {
    // Fresh planner statistics for the tables that changed a little (large changes were analyzed
    // in the transaction): PGlite has no autovacuum, and a server's runs later. Only the plans of
    // later statements depend on it, no data: a failure is not the import's.
    await database.exec(`ANALYZE ${[...run.changedTables].join(', ')}`).catch(() => undefined);
  }
  // Files in processing order, then by line: the report reads top to bottom.
  const order = (file: string) =>
    file === 'package' ? -2 : file === 'manifest.csv' ? -1 : FILES.findIndex((f) => f.name === file);
  const issues = [...log.issues].sort((a, b) => order(a.file) - order(b.file) || a.line - b.line);
  return {
    version,
    ok: log.errors === 0,
    applied,
    partial: !!options.partial,
    errorCount: log.errors,
    warningCount: log.warnings,
    issuesOmitted: log.omitted,
    files,
    issues,
  };
}

function checkFileList(pkg: PackageSource, modes: Map<string, string>, log: IssueLog): void {
  for (const [name, mode] of modes) {
    if (!FILE_BY_NAME.has(name))
      log.add({
        file: 'manifest.csv',
        line: 0,
        column: `file.${name}`,
        severity: 'warning',
        reason: 'not a OneRoster 1.2 file: ignored',
      });
    else if (mode !== 'absent' && !pkg.files.has(name))
      log.add({
        file: 'manifest.csv',
        line: 0,
        column: `file.${name}`,
        severity: 'error',
        reason: `declared ${mode} but ${name}.csv is not in the package`,
      });
    else if (mode === 'absent' && pkg.files.has(name))
      log.add({
        file: name,
        line: 0,
        severity: 'warning',
        reason: 'present but the manifest declares it absent: ignored',
      });
  }
  for (const name of pkg.files) {
    if (name !== 'manifest' && !modes.has(name))
      log.add({ file: name, line: 0, severity: 'warning', reason: 'not listed in the manifest: ignored' });
  }
}
