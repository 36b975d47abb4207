/**
 * `importPackage`: validates and applies a OneRoster CSV package (1.2, or 1.1 mapped to 1.2) for
 * one tenant, all-or-nothing in ONE tenant transaction (row-level security confines every
 * statement). Files are processed in dependency order; each is streamed into a staging table with
 * COPY in batches of 5000 rows (bounded memory; the next batch is parsed while the server loads the
 * previous one), checked in SQL (duplicates, references to the package or to existing rows),
 * merged with one INSERT … ON CONFLICT, and — bulk — the table's rows missing from the file are
 * marked tobedeleted. Without `partial`, any error rolls everything back (the report still lists
 * every bad row of every file); with `partial`, the good rows are applied. One summary audit row
 * per stored file (operation INSERT when the file only inserted, else UPDATE; new_values = counts).
 */
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Principal } from '../../../platform/auth/roles.js';
import type { Database } from '../../../platform/db/database.js';
import { tenantTransaction } from '../../../platform/db/tenant-transaction.js';
import type { Tx } from '../../../platform/db/transaction.js';
import { FILE_BY_NAME, FILES, LINE_ITEMS_1_1, ROLE_1_1_TO_1_2, USERS_1_1, type FileSpec } from './files.js';
import { openPackage, readManifest, type PackageSource } from './package.js';
import { IssueLog, type FileSummary, type ImportReport } from './report.js';
import { stagedBatches } from './rows.js';
import { Stage } from './stage.js';

export interface ImportProgress {
  file: string;
  /** Rows read from this file so far. */
  fileRows: number;
  /** Rows read from the package so far. */
  rows: number;
  phase: 'reading' | 'applying' | 'done';
}

export interface ImportOptions {
  partial?: boolean;
  /** Called after every batch; a throw aborts the import and rolls everything back. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Who the audit rows name (default: the system importer). */
  principal?: Pick<Principal, 'tenantId' | 'actorId' | 'roles'>;
}

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

async function firstLine(pkg: PackageSource, name: string): Promise<string> {
  const stream = await pkg.open(name);
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
    if (text.includes('\n') || text.length > 4096) break;
  }
  stream.destroy();
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[0]!
    .trim();
}

/**
 * A merge that changed more than this (autovacuum's default rule: 50 rows + 10% of what the
 * statistics say the table holds) refreshes the table's statistics before the next file.
 */
const staleAfter = (estimatedRows: number) => 50 + 0.1 * Math.max(0, estimatedRows);

export async function importPackage(
  database: Database,
  tenantId: string,
  source: string | Buffer | PackageSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const pkg = typeof source === 'string' || Buffer.isBuffer(source) ? await openPackage(source) : source;
  const log = new IssueLog();
  const files: FileSummary[] = [];
  let version: '1.1' | '1.2' = '1.2';
  let applied = false;
  let run: Run | undefined;
  try {
    const manifest = await readManifest(pkg, log);
    if (manifest) {
      version = manifest.version;
      checkFileList(pkg, manifest.modes, log);
      try {
        await tenantTransaction(database, tenantId, async ({ tx }) => {
          run = new Run(tx, tenantId, pkg, log, files, version, options);
          for (const spec of FILES) {
            const mode = manifest.modes.get(spec.name);
            if (mode === 'bulk' || mode === 'delta') await run.file(spec.name, mode);
          }
          if (log.errors > 0 && !options.partial) throw new RollBack();
        });
        applied = true;
        // Fresh planner statistics for the tables that changed a little (large changes were analyzed
        // in the transaction): PGlite has no autovacuum, and a server's runs later.
        if (run!.changedTables.size > 0) await database.exec(`ANALYZE ${[...run!.changedTables].join(', ')}`);
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
      }
    }
  } finally {
    await pkg.close();
  }
  // Files in processing order, then by line: the report reads top to bottom.
  const order = (file: string) => (file === 'manifest.csv' ? -1 : FILES.findIndex((f) => f.name === file));
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

class Run {
  private rows = 0;
  /** Tables changed by the import whose statistics were not refreshed in the transaction. */
  readonly changedTables = new Set<string>();
  constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
    private readonly pkg: PackageSource,
    private readonly log: IssueLog,
    private readonly files: FileSummary[],
    private readonly version: '1.1' | '1.2',
    private readonly options: ImportOptions,
  ) {}

  async file(name: string, mode: 'bulk' | 'delta'): Promise<void> {
    const spec = await specFor(this.pkg, name, this.version);
    const stage = await Stage.create(this.tx, spec);
    let fileRows = 0;
    const batches = stagedBatches({ pkg: this.pkg, spec, mode, version: this.version, log: this.log });
    let next = await batches.next();
    while (!next.done) {
      const batch = next.value;
      // The server loads this batch while the next one is read and converted here.
      const [, following] = await Promise.all([stage.load(batch), batches.next()]);
      fileRows += batch.length;
      this.rows += batch.length;
      await this.options.onProgress?.({ file: name, fileRows, rows: this.rows, phase: 'reading' });
      next = following;
    }
    const readable = next.value;
    await stage.flagDuplicates(this.log, name);
    await stage.flagBrokenReferences(this.log, name);
    await stage.flagDerivedMismatches(this.log, name);
    await this.options.onProgress?.({ file: name, fileRows, rows: this.rows, phase: 'applying' });
    await this.apply(stage, spec, name, mode, readable);
    if (spec === USERS_1_1) await this.derivedRoles(stage, mode, readable);
    await stage.drop();
    await this.options.onProgress?.({ file: name, fileRows, rows: this.rows, phase: 'done' });
  }

  /** Merges a checked stage and writes the file's audit summary. `readable` false: the file is skipped. */
  private async apply(
    stage: Stage,
    spec: FileSpec,
    label: string,
    mode: 'bulk' | 'delta',
    readable: boolean,
  ): Promise<void> {
    const { rows, bad, upserts } = await stage.counts();
    const summary: FileSummary = {
      file: label,
      mode,
      stored: !!spec.table,
      rows,
      badRows: bad,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      markedToBeDeleted: 0,
    };
    this.files.push(summary);
    if (!spec.table || !readable) return;
    const { inserted, updated } = await stage.merge();
    summary.inserted = inserted;
    summary.updated = updated;
    summary.unchanged = upserts - inserted - updated;
    // Before marking: that statement and the next files' foreign-key checks plan with these statistics.
    const analyzed = inserted + updated > staleAfter(await stage.targetRowEstimate());
    if (analyzed) await stage.analyzeTarget();
    summary.markedToBeDeleted = mode === 'bulk' ? await stage.markMissing(this.tenantId) : await stage.applyDeletions();
    if (!analyzed && inserted + updated + summary.markedToBeDeleted > 0) this.changedTables.add(spec.tableName!);
    const principal = this.options.principal ?? {
      tenantId: this.tenantId,
      actorId: 'system:oneroster-csv-import',
      roles: [],
    };
    await recordAudit(this.tx, {
      principal,
      table: spec.tableName!,
      recordId: `oneroster-csv:${label}`,
      operation: updated + summary.markedToBeDeleted === 0 ? 'INSERT' : 'UPDATE',
      newValues: {
        file: `${label}.csv`,
        mode,
        rows,
        badRows: bad,
        inserted,
        updated,
        unchanged: summary.unchanged,
        markedToBeDeleted: summary.markedToBeDeleted,
      },
      dataCategories: ['oneroster_roster'],
    });
  }

  /**
   * 1.1 users carry orgSourcedIds and role inline: each (user, org) becomes a 1.2 role with the
   * stable sourcedId "<user>-<org>" (re-imports update it), primary for the first org.
   */
  private async derivedRoles(users: Stage, mode: 'bulk' | 'delta', readable: boolean): Promise<void> {
    const spec = FILE_BY_NAME.get('roles')!;
    const roles = await Stage.create(this.tx, spec, { derived: true });
    const roleCase = `CASE s._role ${Object.entries(ROLE_1_1_TO_1_2)
      .map(([from, to]) => `WHEN '${from}' THEN '${to}'`)
      .join(' ')} END`;
    await this.tx.execute(
      sql.raw(`INSERT INTO ${roles.name} (tenant_id, sourced_id, status, date_last_modified, user_sourced_id, role_type, role, org_sourced_id, _line, _bad, _delete)
        SELECT s.tenant_id, s.sourced_id || '-' || o.org, s.status, s.date_last_modified, s.sourced_id, CASE WHEN o.n = 1 THEN 'primary' ELSE 'secondary' END,
          ${roleCase}, o.org, s._line, s._bad, s._delete
        FROM ${users.name} s CROSS JOIN LATERAL unnest(s._orgs) WITH ORDINALITY AS o(org, n)`),
    );
    await roles.flagDuplicates(this.log, 'users');
    await this.apply(roles, spec, 'roles (from 1.1 users)', mode, readable);
    await roles.drop();
  }
}
