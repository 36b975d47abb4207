/**
 * Set-based work on one file's staged rows, inside the import transaction: a TEMP table shaped
 * like the target (dropped once its file is applied; ON COMMIT DROP in any case), loaded with COPY
 * in large batches (copy.ts), then checked (duplicates, references) and merged with one INSERT …
 * ON CONFLICT DO UPDATE that only touches rows whose content changed. A check flags a row bad and
 * keeps its first reason; the file's bad and withdrawn rows are then registered (rejected.ts), so
 * that a later file's reference to one of them says why it is missing.
 */
import { sql, type SQL } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../../platform/db/database.js';
import type { Tx } from '../../../platform/db/transaction.js';
import { asOwner, copyText, copyValue, type CopyKind } from './copy.js';
import type { FileSpec } from './files.js';
import { brokenReferences, literal } from './references.js';
import { REJECTED, type FileFailures } from './rejected.js';
import type { IssueLog } from './report.js';
import type { StagedRow } from './rows.js';

let counter = 0;

/** One offending staged row: its line, the reason logged, and the shorter one kept with the row. */
interface Offence {
  line: number;
  reason: string;
}

interface StagedColumn {
  name: string;
  kind: CopyKind;
}

/** The staged columns COPY fills (tenant_id comes from the stage's default: the transaction's tenant). */
function stagedColumns(spec: FileSpec): StagedColumn[] {
  const kindOf = (sqlType: string): CopyKind =>
    sqlType.endsWith('[]') ? 'array' : sqlType === 'jsonb' ? 'json' : 'scalar';
  const columns: StagedColumn[] = spec.table
    ? getTableConfig(spec.table)
        .columns.filter((c) => c.name !== 'tenant_id')
        .map((c) => ({ name: c.name, kind: kindOf(c.getSQLType()) }))
    : [
        ...['sourced_id', 'status', 'date_last_modified'].map((name) => ({ name, kind: 'scalar' as const })),
        { name: 'metadata', kind: 'json' },
      ];
  const extra = spec.columns
    .filter((c) => c.db?.startsWith('_'))
    .map((c) => ({ name: c.db!, kind: c.kind === 'list' ? ('array' as const) : ('scalar' as const) }));
  return [
    ...columns,
    { name: '_line', kind: 'scalar' },
    { name: '_bad', kind: 'scalar' },
    { name: '_delete', kind: 'scalar' },
    { name: '_reason', kind: 'scalar' },
    { name: '_reason_column', kind: 'scalar' },
    ...extra,
  ];
}

export class Stage {
  readonly name: string;
  private readonly columns: StagedColumn[];
  private constructor(
    readonly tx: Tx,
    readonly spec: FileSpec,
    /** Several staged rows per file line (roles derived from 1.1 users): counts are by line. */
    private readonly derived: boolean,
  ) {
    this.name = `pg_temp.oneroster_stage_${spec.name.toLowerCase()}_${++counter}`;
    this.columns = stagedColumns(spec);
  }

  static async create(tx: Tx, spec: FileSpec, options: { derived?: boolean } = {}): Promise<Stage> {
    const stage = new Stage(tx, spec, !!options.derived);
    const shape = spec.tableName
      ? `ON COMMIT DROP AS SELECT * FROM ${spec.tableName} WITH NO DATA`
      : `(tenant_id uuid, sourced_id varchar(255), status varchar(20), date_last_modified timestamptz, metadata jsonb)
         ON COMMIT DROP`;
    await tx.execute(sql.raw(`CREATE TEMP TABLE ${stage.name} ${shape}`));
    const extra = spec.columns
      .filter((c) => c.db?.startsWith('_'))
      .map((c) => `, ADD COLUMN ${c.db} ${c.kind === 'list' ? 'text[]' : 'text'}`);
    await tx.execute(
      sql.raw(
        `ALTER TABLE ${stage.name} ALTER COLUMN tenant_id SET DEFAULT current_setting('app.tenant_id')::uuid,
          ADD COLUMN _line integer, ADD COLUMN _bad boolean, ADD COLUMN _delete boolean,
          ADD COLUMN _reason text, ADD COLUMN _reason_column text${extra.join('')}`,
      ),
    );
    return stage;
  }

  /** One COPY per batch (the rows are encoded here, so the batch is held once as objects and once as text). */
  async load(rows: StagedRow[]): Promise<void> {
    const columns = this.columns;
    let text = '';
    for (const row of rows) {
      for (let c = 0; c < columns.length; c++)
        text += (c === 0 ? '' : '\t') + copyValue(row[columns[c]!.name], columns[c]!.kind);
      text += '\n';
    }
    await copyText(
      this.tx,
      this.name,
      columns.map((c) => c.name),
      text,
    );
  }

  /** Frees the stage's space at once (a 1M-row file's stage is not kept until the commit). */
  async drop(): Promise<void> {
    await this.tx.execute(sql.raw(`DROP TABLE ${this.name}`));
  }

  /** The target's row count as its statistics have it (pg_class.reltuples; −1: never analyzed). */
  async targetRowEstimate(): Promise<number> {
    const [r] = rowsOf<{ n: number }>(
      await this.tx.execute(
        sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = ${this.spec.tableName}::regclass`,
      ),
    );
    return Number(r?.n ?? -1);
  }

  /**
   * Fresh statistics on the target after a large merge, inside the transaction: the foreign-key
   * checks of the files that follow look its rows up, and on a table whose statistics predate the
   * load (a first import) they run ~20× slower. ANALYZE's lock is held until the commit: another
   * tenant's import running at the same time skips it (SKIP_LOCKED) rather than wait for ours.
   */
  async analyzeTarget(): Promise<void> {
    await asOwner(this.tx, () => this.tx.execute(sql.raw(`ANALYZE (SKIP_LOCKED) ${this.spec.tableName}`)));
  }

  /**
   * Flags the rows `select` yields (line, reason, short: the reason kept with the row for the rows
   * that reference it) and logs them; the listing is capped like the report.
   */
  private async flag(select: SQL, column: string | undefined, log: IssueLog, issueFile: string): Promise<number> {
    const stage = sql.raw(this.name);
    const found = rowsOf<Offence & { total: number }>(
      await this.tx.execute(
        sql`WITH bad AS (${select}), flagged AS (
            UPDATE ${stage} s SET _bad = true,
              _reason_column = CASE WHEN s._reason IS NULL THEN ${column ?? null}::text ELSE s._reason_column END,
              _reason = COALESCE(s._reason, b.short)
            FROM (SELECT DISTINCT ON (line) line, short FROM bad ORDER BY line) b WHERE s._line = b.line)
          SELECT line, reason, (count(*) OVER ())::int AS total FROM bad ORDER BY line LIMIT 10001`,
      ),
    );
    for (const r of found) log.add({ file: issueFile, line: r.line, column, severity: 'error', reason: r.reason });
    const total = found[0]?.total ?? 0;
    for (let i = found.length; i < total; i++)
      log.add({ file: issueFile, line: 0, column, severity: 'error', reason: 'same problem on another row' });
    return total;
  }

  async flagDuplicates(log: IssueLog, issueFile: string): Promise<void> {
    const stage = sql.raw(this.name);
    await this.flag(
      sql`SELECT s._line AS line, r.reason, r.reason AS short FROM ${stage} s
       JOIN (SELECT sourced_id, min(_line) AS first FROM ${stage} WHERE sourced_id IS NOT NULL AND NOT _bad
             GROUP BY sourced_id HAVING count(*) > 1) d ON d.sourced_id = s.sourced_id
       CROSS JOIN LATERAL (
         SELECT format('sourcedId "%s" appears more than once (first on line %s)', s.sourced_id, d.first) AS reason) r
       WHERE NOT s._bad AND s._line <> d.first`,
      'sourcedId',
      log,
      issueFile,
    );
  }

  /**
   * References to other files (or this one): they must name a row of the tenant or of this file.
   * The first pass checks every row (a row with a bad cell gets its bad references reported too);
   * later passes only rows that pointed at a row of this file flagged meanwhile. A row being
   * withdrawn (tobedeleted) is not checked: it stores none of its references.
   *
   * A missing target is explained: rejected in the package (its file, line and reason), withdrawn in
   * the package, in a file that could not be applied, or nowhere.
   */
  async flagBrokenReferences(log: IssueLog, issueFile: string, failures: FileFailures): Promise<void> {
    const refs = this.spec.columns.filter((c) => c.ref);
    for (let pass = 0; pass < 50; pass++) {
      let flagged = 0;
      for (const column of refs) {
        const check = { stage: this.name, spec: this.spec, column, firstPass: pass === 0, failures };
        flagged += await this.flag(brokenReferences(check), column.csv, log, issueFile);
      }
      // A self-referencing file: a row that pointed at a now-flagged row must be checked again.
      if (flagged === 0 || !refs.some((c) => c.ref === this.spec.name)) return;
    }
  }

  /** Derived columns (results.classSourcedId): a given value must be the one Schola derives. */
  async flagDerivedMismatches(log: IssueLog, issueFile: string): Promise<void> {
    for (const column of this.spec.columns.filter((c) => c.derived && c.db)) {
      const given = `t.${column.db}`;
      await this.flag(
        sql.raw(`SELECT t._line AS line, r.reason, r.reason AS short FROM ${this.name} t
         CROSS JOIN LATERAL (SELECT ${column.derived!.sql} AS expected) d
         CROSS JOIN LATERAL (SELECT format('is "%s", but %s is %s', ${given}, ${literal(column.derived!.what)},
           COALESCE('"' || d.expected || '"', 'unknown')) AS reason) r
         WHERE NOT t._bad AND ${given} IS NOT NULL AND d.expected IS DISTINCT FROM ${given}`),
        column.csv,
        log,
        issueFile,
      );
    }
  }

  /** Remembers this file's bad and withdrawn rows for the reference checks of the files after it. */
  async registerRejected(): Promise<void> {
    await this.tx.execute(
      sql.raw(`INSERT INTO ${REJECTED} (file, sourced_id, line, reason_column, reason, deleted)
        SELECT ${literal(this.spec.name)}, sourced_id, _line, _reason_column, _reason, _delete AND NOT _bad
        FROM ${this.name} WHERE (_bad OR _delete) AND sourced_id IS NOT NULL`),
    );
  }

  async counts(): Promise<{ rows: number; bad: number; upserts: number }> {
    const [c] = rowsOf<{ rows: number; bad: number; upserts: number }>(
      await this.tx.execute(
        sql.raw(
          this.derived
            ? `SELECT count(DISTINCT _line)::int AS rows, count(DISTINCT _line) FILTER (WHERE _bad)::int AS bad,
                 count(*) FILTER (WHERE NOT _bad AND NOT _delete)::int AS upserts FROM ${this.name}`
            : `SELECT count(*)::int AS rows, count(*) FILTER (WHERE _bad)::int AS bad,
                 count(*) FILTER (WHERE NOT _bad AND NOT _delete)::int AS upserts FROM ${this.name}`,
        ),
      ),
    );
    return c!;
  }

  /** Upserts the good rows; a row whose content is unchanged keeps its dateLastModified. */
  async merge(): Promise<{ inserted: number; updated: number }> {
    const table = this.spec.tableName!;
    const columns = getTableConfig(this.spec.table!).columns.map((c) => c.name);
    const select = columns.map((c) =>
      c === 'date_last_modified' ? 'COALESCE(s.date_last_modified, now())' : `s.${c}`,
    );
    // Only what the file carries is replaced: a column the CSV binding has no cell for (a category's
    // school/class scope) keeps the value Schola holds.
    const carried = new Set(this.spec.columns.map((c) => c.db).filter((db) => db && !db.startsWith('_')));
    const updatable = columns.filter((c) => c !== 'sourced_id' && (carried.has(c) || c === 'metadata'));
    const compared = updatable.filter((c) => c !== 'date_last_modified');
    const [r] = rowsOf<{ inserted: number; updated: number }>(
      await this.tx.execute(
        sql.raw(`WITH m AS (
          INSERT INTO ${table} AS t (${columns.join(', ')})
          SELECT ${select.join(', ')} FROM ${this.name} s WHERE NOT s._bad AND NOT s._delete
          ON CONFLICT (tenant_id, sourced_id) DO UPDATE SET ${updatable.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
          WHERE (${compared.map((c) => `t.${c}`).join(', ')})
            IS DISTINCT FROM (${compared.map((c) => `EXCLUDED.${c}`).join(', ')})
          RETURNING (xmax = 0) AS inserted)
        SELECT (count(*) FILTER (WHERE inserted))::int AS inserted,
          (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM m`),
      ),
    );
    return r!;
  }

  /** The rows the file marks tobedeleted (bulk or delta) that Schola holds. */
  async applyDeletions(): Promise<number> {
    const [r] = rowsOf<{ n: number }>(
      await this.tx.execute(
        sql.raw(`WITH u AS (UPDATE ${this.spec.tableName} t
            SET status = 'tobedeleted', date_last_modified = COALESCE(s.date_last_modified, now())
          FROM ${this.name} s WHERE s._delete AND NOT s._bad AND t.tenant_id = s.tenant_id
            AND t.sourced_id = s.sourced_id AND t.status <> 'tobedeleted' RETURNING 1)
        SELECT count(*)::int AS n FROM u`),
      ),
    );
    return r!.n;
  }

  /** Bulk: every row of the table the file does not name (good, bad or withdrawn) becomes tobedeleted. */
  async markMissing(tenantId: string): Promise<number> {
    const [r] = rowsOf<{ n: number }>(
      await this.tx.execute(
        sql`WITH u AS (UPDATE ${sql.raw(this.spec.tableName!)} t SET status = 'tobedeleted', date_last_modified = now()
          WHERE t.tenant_id = ${tenantId} AND t.status <> 'tobedeleted'
            AND NOT EXISTS (SELECT 1 FROM ${sql.raw(this.name)} s WHERE s.sourced_id = t.sourced_id) RETURNING 1)
        SELECT count(*)::int AS n FROM u`,
      ),
    );
    return r!.n;
  }
}
