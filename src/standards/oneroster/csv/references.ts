/**
 * The SQL that finds a staged file's broken references in one column: values that name no row of
 * the tenant (nor a good row of this file, for a file that references itself). Each comes with the
 * real reason its target is missing — rejected earlier in the package (that row's file, line and
 * first problem), withdrawn in the package (tobedeleted), in a file that could not be applied, or
 * nowhere — and a shorter form of it, kept with the flagged row for the rows that reference it in
 * turn (so a chain of rejections explains one level at a time).
 */
import { sql, type SQL } from 'drizzle-orm';
import { FILE_BY_NAME, type ColumnSpec, type FileSpec } from './files.js';
import { REJECTED, type FileFailures } from './rejected.js';
import { locate } from './report.js';

/** SQL text literal of trusted text (file and column names of files.ts). */
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Trusted SQL text with every `token` replaced by one bound text parameter (text that may quote the package). */
function withParameter(text: string, token: string, value: string): SQL {
  return sql.join(
    text.split(token).flatMap((part, i) => (i === 0 ? [sql.raw(part)] : [sql`${value}::text`, sql.raw(part)])),
    sql.raw(''),
  );
}

export interface ReferenceCheck {
  /** The staging table (trusted name). */
  stage: string;
  spec: FileSpec;
  column: ColumnSpec;
  /** The first pass checks every row; later ones only rows not flagged yet. */
  firstPass: boolean;
  failures: FileFailures;
}

/** Rows (line, reason, short) of the check; the caller flags and logs them. */
export function brokenReferences({ stage, spec, column, firstPass, failures }: ReferenceCheck): SQL {
  const target = FILE_BY_NAME.get(column.ref!)!;
  const file = literal(target.name);
  const self = target.name === spec.name;
  // A list cell is unnested; a single value is compared as it is (no array per row).
  const list = column.kind === 'list';
  const cell = column.db ? `s.${column.db}` : `(s.metadata->>'${column.csv}')`;
  const from = list
    ? `${stage} s CROSS JOIN LATERAL unnest(${column.db ? cell : `ARRAY[${cell}]`}) AS v(value)`
    : `${stage} s`;
  const value = list ? 'v.value' : cell;
  const selfGood = self
    ? `AND NOT EXISTS (SELECT 1 FROM ${stage} s2 WHERE s2.sourced_id = ${value} AND NOT s2._bad)`
    : '';
  // Why a target is missing: its registered rejection, or this file's own bad or withdrawn row.
  const ownRows = self
    ? `UNION ALL SELECT sourced_id, _line, _reason_column, _reason, _delete AND NOT _bad
       FROM ${stage} WHERE _bad OR _delete`
    : '';
  const known = `SELECT DISTINCT ON (sourced_id) sourced_id, line, reason_column, reason, deleted FROM (
      SELECT sourced_id, line, reason_column, reason, deleted FROM ${REJECTED} WHERE file = ${file} ${ownRows}
    ) k ORDER BY sourced_id, line`;
  const failure = failures.get(target.name);
  const nowhere = failure
    ? `which is not in Schola, and ${target.name}.csv was not applied ` +
      `(${locate(target.name, failure.line, failure.column)}: ${failure.reason})`
    : 'which is neither in the package nor in Schola';
  const rejected = (short: boolean) =>
    short
      ? `format('which is rejected (%s.csv:%s)', ${file}, r.line)`
      : `format('which is rejected (%s.csv:%s%s: %s)', ${file}, r.line,
          COALESCE(' [' || r.reason_column || ']', ''), r.reason)`;
  const reason = (short: boolean) =>
    `format('references %s "%s", %s', ${file}, ${value}, CASE
      WHEN r.line IS NULL THEN $nowhere$
      WHEN r.deleted THEN format('which the package marks tobedeleted (%s.csv:%s)', ${file}, r.line)
      ELSE ${rejected(short)} END)`;
  return withParameter(
    `SELECT s._line AS line, ${reason(false)} AS reason, ${reason(true)} AS short
    FROM ${from} LEFT JOIN (${known}) r ON r.sourced_id = ${value}
    WHERE ${firstPass ? 'true' : 'NOT s._bad'} AND NOT s._delete AND ${value} IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ${target.tableName} t WHERE t.tenant_id = s.tenant_id AND t.sourced_id = ${value})
      ${selfGood}`,
    '$nowhere$',
    nowhere,
  );
}
