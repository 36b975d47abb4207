/**
 * One import's work on its files, inside the import transaction. Each file runs under a savepoint:
 * read and stage its rows, check them (duplicates, references, derived columns), register what was
 * rejected, merge the good rows, withdraw rows (bulk: missing from the file or marked tobedeleted;
 * delta: marked tobedeleted), write the file's audit row. If the database refuses anything of a
 * file, its savepoint is rolled back and the refusal is a line of the report: the other files go on.
 */
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.js';
import { findPgError } from '../../../platform/db/pg-errors.js';
import type { Tx } from '../../../platform/db/transaction.js';
import { FILE_BY_NAME, ROLE_1_1_TO_1_2, USERS_1_1, type FileSpec } from './files.js';
import type { ImportOptions, ImportProgress } from './options.js';
import type { PackageSource } from './package.js';
import { createRejectedRegistry, type FileFailures } from './rejected.js';
import type { FileSummary, IssueLog } from './report.js';
import { stagedBatches } from './rows.js';
import { Stage } from './stage.js';

/** A throw from the caller's onProgress: it aborts the import and reaches the caller as it was. */
export class Aborted extends Error {
  constructor(readonly reason: unknown) {
    super('aborted by onProgress');
  }
}

/**
 * A merge that changed more than this (autovacuum's default rule: 50 rows + 10% of what the
 * statistics say the table holds) refreshes the table's statistics before the next file.
 */
const staleAfter = (estimatedRows: number) => 50 + 0.1 * Math.max(0, estimatedRows);

const NOTHING = { inserted: 0, updated: 0, unchanged: 0, markedToBeDeleted: 0 } as const;

function describeRefusal(error: unknown): string {
  const pg = findPgError(error);
  if (!pg) return error instanceof Error ? error.message : String(error);
  return `${pg.message}${pg.constraint && !pg.message.includes(pg.constraint) ? ` (${pg.constraint})` : ''}`;
}

export class Run {
  private rows = 0;
  /** Tables changed by the import whose statistics were not refreshed in the transaction. */
  readonly changedTables = new Set<string>();
  private readonly failures: FileFailures = new Map();

  private constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
    private readonly pkg: PackageSource,
    private readonly log: IssueLog,
    private readonly files: FileSummary[],
    private readonly version: '1.1' | '1.2',
    private readonly options: ImportOptions,
  ) {}

  static async start(
    tx: Tx,
    tenantId: string,
    pkg: PackageSource,
    log: IssueLog,
    files: FileSummary[],
    version: '1.1' | '1.2',
    options: ImportOptions,
  ): Promise<Run> {
    await createRejectedRegistry(tx);
    return new Run(tx, tenantId, pkg, log, files, version, options);
  }

  private async progress(progress: ImportProgress): Promise<void> {
    try {
      await this.options.onProgress?.(progress);
    } catch (error) {
      throw new Aborted(error);
    }
  }

  async file(spec: FileSpec, mode: 'bulk' | 'delta'): Promise<void> {
    const name = spec.name;
    const first = this.files.length;
    const summary = this.summary(spec, name, mode);
    await this.tx.execute(sql.raw('SAVEPOINT oneroster_file'));
    try {
      await this.stageAndApply(spec, mode, summary);
      await this.tx.execute(sql.raw('RELEASE SAVEPOINT oneroster_file'));
    } catch (error) {
      if (error instanceof Aborted) throw error;
      await this.tx.execute(sql.raw('ROLLBACK TO SAVEPOINT oneroster_file'));
      const failure = { line: 0, reason: `the database refused the file: ${describeRefusal(error)}` };
      this.log.add({ file: name, severity: 'error', ...failure });
      this.failures.set(name, failure);
      // Every summary of this file (1.1 users also write roles) was rolled back with it.
      for (const refused of this.files.slice(first))
        Object.assign(refused, { applied: false, badRows: refused.rows, failure, ...NOTHING });
    }
  }

  /** A file the manifest declares but the package lacks (checkFileList reported it). */
  missing(name: string, mode: 'bulk' | 'delta'): void {
    this.failures.set(name, { line: 0, reason: `declared ${mode} in manifest.csv but not in the package` });
  }

  private summary(spec: FileSpec, label: string, mode: 'bulk' | 'delta'): FileSummary {
    const summary: FileSummary = {
      file: label,
      mode,
      stored: !!spec.table,
      rows: 0,
      badRows: 0,
      applied: false,
      ...NOTHING,
    };
    this.files.push(summary);
    return summary;
  }

  private async stageAndApply(spec: FileSpec, mode: 'bulk' | 'delta', summary: FileSummary): Promise<void> {
    const name = spec.name;
    const stage = await Stage.create(this.tx, spec);
    let fileRows = 0;
    const batches = stagedBatches({ pkg: this.pkg, spec, mode, version: this.version, log: this.log });
    let next = await batches.next();
    while (!next.done) {
      const batch = next.value;
      // The server loads this batch while the next one is read and converted here.
      const [, following] = await Promise.all([stage.load(batch), batches.next()]);
      fileRows += batch.length;
      summary.rows = fileRows;
      this.rows += batch.length;
      await this.progress({ file: name, fileRows, rows: this.rows, phase: 'reading' });
      next = following;
    }
    const read = next.value;
    if (!read.readable) {
      // Nothing of the file is applied: its staged rows are not registered, the failure stands for them all.
      Object.assign(summary, { rows: read.rows, badRows: read.rows, failure: read.failure });
      this.failures.set(name, read.failure!);
      await stage.drop();
      await this.progress({ file: name, fileRows, rows: this.rows, phase: 'done' });
      return;
    }
    await stage.flagDuplicates(this.log, name);
    await stage.flagBrokenReferences(this.log, name, this.failures);
    await stage.flagDerivedMismatches(this.log, name);
    await stage.registerRejected();
    await this.progress({ file: name, fileRows, rows: this.rows, phase: 'applying' });
    await this.apply(stage, spec, summary, mode);
    if (spec === USERS_1_1) await this.derivedRoles(stage, mode);
    await stage.drop();
    await this.progress({ file: name, fileRows, rows: this.rows, phase: 'done' });
  }

  /** Merges a checked stage, withdraws rows, and writes the file's audit summary. */
  private async apply(stage: Stage, spec: FileSpec, summary: FileSummary, mode: 'bulk' | 'delta'): Promise<void> {
    const label = summary.file;
    const { rows, bad, upserts } = await stage.counts();
    Object.assign(summary, { rows, badRows: bad });
    if (!spec.table) return;
    const { inserted, updated } = await stage.merge();
    summary.inserted = inserted;
    summary.updated = updated;
    summary.unchanged = upserts - inserted - updated;
    // Before withdrawing: that statement and the next files' foreign-key checks plan with these statistics.
    const analyzed = inserted + updated > staleAfter(await stage.targetRowEstimate());
    if (analyzed) await stage.analyzeTarget();
    summary.markedToBeDeleted =
      (await stage.applyDeletions()) + (mode === 'bulk' ? await stage.markMissing(this.tenantId) : 0);
    summary.applied = true;
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
  private async derivedRoles(users: Stage, mode: 'bulk' | 'delta'): Promise<void> {
    const spec = FILE_BY_NAME.get('roles')!;
    const roles = await Stage.create(this.tx, spec, { derived: true });
    const roleCase = `CASE s._role ${Object.entries(ROLE_1_1_TO_1_2)
      .map(([from, to]) => `WHEN '${from}' THEN '${to}'`)
      .join(' ')} END`;
    await this.tx.execute(
      sql.raw(`INSERT INTO ${roles.name} (tenant_id, sourced_id, status, date_last_modified, user_sourced_id,
          role_type, role, org_sourced_id, _line, _bad, _delete)
        SELECT s.tenant_id, s.sourced_id || '-' || o.org, s.status, s.date_last_modified, s.sourced_id,
          CASE WHEN o.n = 1 THEN 'primary' ELSE 'secondary' END,
          ${roleCase}, o.org, s._line, s._bad, s._delete
        FROM ${users.name} s CROSS JOIN LATERAL unnest(s._orgs) WITH ORDINALITY AS o(org, n)`),
    );
    await roles.flagDuplicates(this.log, 'users');
    await this.apply(roles, spec, this.summary(spec, 'roles (from 1.1 users)', mode), mode);
    await roles.drop();
  }
}
