/**
 * Set-based work on one file's staged rows, inside the import transaction: a TEMP table shaped
 * like the target (ON COMMIT DROP), loaded in batches with json_populate_recordset (one parameter
 * per batch, same SQL on PostgreSQL and PGlite), then checked (duplicates, references) and merged
 * with INSERT … ON CONFLICT DO UPDATE that only touches rows whose content changed.
 */
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../../platform/db/database.js';
import type { Tx } from '../../../platform/db/transaction.js';
import { FILE_BY_NAME, type FileSpec } from './files.js';
import type { IssueLog } from './report.js';
import type { StagedRow } from './rows.js';

let counter = 0;

/** One offending staged row: its line, the offending value, and what the check wanted instead. */
interface Offence {
  line: number;
  value: string | null;
  first: number | null;
  expected?: string | null;
}

export class Stage {
  readonly name: string;
  private constructor(
    readonly tx: Tx,
    readonly spec: FileSpec,
  ) {
    this.name = `pg_temp.oneroster_stage_${spec.name.toLowerCase()}_${++counter}`;
  }

  static async create(tx: Tx, spec: FileSpec): Promise<Stage> {
    const stage = new Stage(tx, spec);
    const shape = spec.tableName
      ? `AS SELECT * FROM ${spec.tableName} WITH NO DATA`
      : '(tenant_id uuid, sourced_id varchar(255), status varchar(20), date_last_modified timestamptz, metadata jsonb)';
    await tx.execute(sql.raw(`CREATE TEMP TABLE ${stage.name} ${shape}`));
    const extra = spec.columns.filter((c) => c.db?.startsWith('_')).map((c) => `, ADD COLUMN ${c.db} ${c.kind === 'list' ? 'text[]' : 'text'}`);
    await tx.execute(sql.raw(`ALTER TABLE ${stage.name} ADD COLUMN _line integer, ADD COLUMN _bad boolean, ADD COLUMN _delete boolean${extra.join('')}`));
    return stage;
  }

  async load(rows: StagedRow[]): Promise<void> {
    await this.tx.execute(sql`INSERT INTO ${sql.raw(this.name)} SELECT * FROM json_populate_recordset(NULL::${sql.raw(this.name)}, ${JSON.stringify(rows)}::json)`);
  }

  async index(): Promise<void> {
    await this.tx.execute(sql.raw(`CREATE INDEX ON ${this.name} (sourced_id)`));
    await this.tx.execute(sql.raw(`ANALYZE ${this.name}`));
  }

  private async flag(select: string, reasonOf: (r: Offence) => string, column: string | undefined, log: IssueLog, issueFile: string): Promise<number> {
    // The data-modifying CTE flags every offending row; the listing is capped like the report.
    const found = rowsOf<Offence & { total: number }>(
      await this.tx.execute(
        sql.raw(`WITH bad AS (${select}), flagged AS (UPDATE ${this.name} s SET _bad = true WHERE s._line IN (SELECT line FROM bad))
          SELECT bad.*, (count(*) OVER ())::int AS total FROM bad ORDER BY line LIMIT 10001`),
      ),
    );
    for (const r of found) log.add({ file: issueFile, line: r.line, column, severity: 'error', reason: reasonOf(r) });
    const total = found[0]?.total ?? 0;
    for (let i = found.length; i < total; i++) log.add({ file: issueFile, line: 0, column, severity: 'error', reason: 'same problem on another row' });
    return total;
  }

  async flagDuplicates(log: IssueLog, issueFile: string): Promise<void> {
    await this.flag(
      `SELECT _line AS line, sourced_id AS value, first FROM (SELECT _line, sourced_id, min(_line) OVER (PARTITION BY sourced_id) AS first FROM ${this.name} WHERE sourced_id IS NOT NULL AND NOT _bad) d WHERE _line <> first`,
      (r) => `sourcedId "${r.value}" appears more than once (first on line ${r.first})`,
      'sourcedId',
      log,
      issueFile,
    );
  }

  /**
   * References to other files (or this one): they must name a row of the tenant or of this file.
   * The first pass checks every row (a row with a bad cell gets its bad references reported too);
   * later passes only rows that pointed at a row of this file flagged meanwhile.
   */
  async flagBrokenReferences(log: IssueLog, issueFile: string): Promise<void> {
    const refs = this.spec.columns.filter((c) => c.ref);
    for (let pass = 0; pass < 50; pass++) {
      let flagged = 0;
      for (const column of refs) {
        const target = FILE_BY_NAME.get(column.ref!)!;
        const values = column.db ? (column.kind === 'list' ? `s.${column.db}` : `ARRAY[s.${column.db}]::text[]`) : `ARRAY[s.metadata->>'${column.csv}']`;
        const self = target.name === this.spec.name ? ` AND NOT EXISTS (SELECT 1 FROM ${this.name} s2 WHERE s2.sourced_id = v.value AND NOT s2._bad)` : '';
        flagged += await this.flag(
          `SELECT s._line AS line, v.value, NULL::int AS first FROM ${this.name} s CROSS JOIN LATERAL unnest(${values}) AS v(value)
           WHERE ${pass === 0 ? 'true' : 'NOT s._bad'} AND v.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target.tableName} t WHERE t.tenant_id = s.tenant_id AND t.sourced_id = v.value)${self}`,
          (r) => `references ${target.name} "${r.value}", which is neither in the package nor in Schola`,
          column.csv,
          log,
          issueFile,
        );
      }
      // A self-referencing file: a row that pointed at a now-flagged row must be checked again.
      if (flagged === 0 || !refs.some((c) => c.ref === this.spec.name)) return;
    }
  }

  /** Derived columns (results.classSourcedId): a given value must be the one Schola derives. */
  async flagDerivedMismatches(log: IssueLog, issueFile: string): Promise<void> {
    for (const column of this.spec.columns.filter((c) => c.derived && c.db)) {
      await this.flag(
        `SELECT t._line AS line, t.${column.db} AS value, NULL::int AS first, d.expected FROM ${this.name} t CROSS JOIN LATERAL (SELECT ${column.derived!.sql} AS expected) d
         WHERE NOT t._bad AND t.${column.db} IS NOT NULL AND d.expected IS DISTINCT FROM t.${column.db}`,
        (r) => `is "${r.value}", but ${column.derived!.what} is ${r.expected === null || r.expected === undefined ? 'unknown' : `"${r.expected}"`}`,
        column.csv,
        log,
        issueFile,
      );
    }
  }

  async counts(): Promise<{ rows: number; bad: number; upserts: number }> {
    const [c] = rowsOf<{ rows: number; bad: number; upserts: number }>(
      await this.tx.execute(
        sql.raw(`SELECT count(DISTINCT _line)::int AS rows, count(DISTINCT _line) FILTER (WHERE _bad)::int AS bad, count(*) FILTER (WHERE NOT _bad AND NOT _delete)::int AS upserts FROM ${this.name}`),
      ),
    );
    return c!;
  }

  /** Upserts the good rows; a row whose content is unchanged keeps its dateLastModified. */
  async merge(): Promise<{ inserted: number; updated: number }> {
    const table = this.spec.tableName!;
    const columns = getTableConfig(this.spec.table!).columns.map((c) => c.name);
    const select = columns.map((c) => (c === 'date_last_modified' ? 'COALESCE(s.date_last_modified, now())' : `s.${c}`));
    const updatable = columns.filter((c) => c !== 'tenant_id' && c !== 'sourced_id');
    const compared = updatable.filter((c) => c !== 'date_last_modified');
    const [r] = rowsOf<{ inserted: number; updated: number }>(
      await this.tx.execute(
        sql.raw(`WITH m AS (
          INSERT INTO ${table} AS t (${columns.join(', ')})
          SELECT ${select.join(', ')} FROM ${this.name} s WHERE NOT s._bad AND NOT s._delete
          ON CONFLICT (tenant_id, sourced_id) DO UPDATE SET ${updatable.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
          WHERE (${compared.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `EXCLUDED.${c}`).join(', ')})
          RETURNING (xmax = 0) AS inserted)
        SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM m`),
      ),
    );
    return r!;
  }

  /** Delta: the rows the file marks tobedeleted. */
  async applyDeletions(): Promise<number> {
    const [r] = rowsOf<{ n: number }>(
      await this.tx.execute(
        sql.raw(`WITH u AS (UPDATE ${this.spec.tableName} t SET status = 'tobedeleted', date_last_modified = COALESCE(s.date_last_modified, now())
          FROM ${this.name} s WHERE s._delete AND NOT s._bad AND t.tenant_id = s.tenant_id AND t.sourced_id = s.sourced_id AND t.status <> 'tobedeleted' RETURNING 1)
        SELECT count(*)::int AS n FROM u`),
      ),
    );
    return r!.n;
  }

  /** Bulk: every row of the table the file does not name (good or bad) becomes tobedeleted. */
  async markMissing(tenantId: string): Promise<number> {
    const [r] = rowsOf<{ n: number }>(
      await this.tx.execute(
        sql`WITH u AS (UPDATE ${sql.raw(this.spec.tableName!)} t SET status = 'tobedeleted', date_last_modified = now()
          WHERE t.tenant_id = ${tenantId} AND t.status <> 'tobedeleted' AND NOT EXISTS (SELECT 1 FROM ${sql.raw(this.name)} s WHERE s.sourced_id = t.sourced_id) RETURNING 1)
        SELECT count(*)::int AS n FROM u`,
      ),
    );
    return r!.n;
  }
}
