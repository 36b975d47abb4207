/**
 * Everything held about one student, for a FERPA inspection (34 CFR 99.10). Which tables hold a
 * student's rows is derived from the database's own foreign keys, not from a hand list: every table
 * with a (tenant_id, column) foreign key to one of the student's identity tables, in any domain —
 *   - edfi.student, keyed by the StudentUSI;
 *   - oneroster.users, keyed by the sourcedId the Ed-Fi → OneRoster projection gives the student
 *     (edfi.student.id), when the student was projected.
 * Plus the audit trail of that student's records: every compliance.audit_logs row about one of the
 * exported rows (who read or changed it, when, on which basis).
 * Runs in the requester's unit of work: row-level security confines every read to the tenant.
 */
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../../platform/db/database.js';
import { allTables } from '../../../platform/db/catalog.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Work } from '../../../platform/service/work.js';

export interface StudentTable {
  /** schema.table */
  table: string;
  /** The area (domain) that declares it. */
  domain: string;
  /** The column naming the student, and which identity it holds. */
  column: string;
  identity: string;
  rows: Record<string, unknown>[];
}

export interface StudentRecord {
  studentUsi: number;
  student: Record<string, unknown>;
  tables: StudentTable[];
  audit: Record<string, unknown>[];
}

/** Not part of the record itself: the inspection exports (zips of this very record). */
const EXCLUDED = new Set(['compliance.student_record_exports']);

interface Reference {
  table: string;
  column: string;
  target: string;
}

/** Every (tenant_id, column) → target foreign key pointing at one of `targets`, from pg_catalog. */
export async function referencesTo(work: Work, targets: readonly string[]): Promise<Reference[]> {
  const rows = rowsOf<{ source: string; cols: string[]; target: string }>(
    await work.tx.execute(sql`
      SELECT sn.nspname || '.' || s.relname AS source, tn.nspname || '.' || t.relname AS target,
             ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.ord) AS cols
        FROM pg_constraint c
        JOIN pg_class s ON s.oid = c.conrelid JOIN pg_namespace sn ON sn.oid = s.relnamespace
        JOIN pg_class t ON t.oid = c.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
       WHERE c.contype = 'f' AND tn.nspname || '.' || t.relname IN (${sql.join(
         targets.map((t) => sql`${t}`),
         sql`, `,
       )})
       ORDER BY 1, 2`),
  );
  const out: Reference[] = [];
  for (const r of rows) {
    const cols = Array.isArray(r.cols) ? r.cols : String(r.cols).replace(/[{}]/g, '').split(',');
    if (cols.length !== 2 || cols[0] !== 'tenant_id' || EXCLUDED.has(r.source)) continue;
    out.push({ table: r.source, column: cols[1]!, target: r.target });
  }
  return out;
}

export const ident = (qualified: string) => {
  const [schema, name] = qualified.split('.') as [string, string];
  return sql`${sql.identifier(schema)}.${sql.identifier(name)}`;
};

async function rowsWhere(work: Work, table: string, column: string, value: unknown) {
  return rowsOf<Record<string, unknown>>(
    await work.tx.execute(
      sql`SELECT * FROM ${ident(table)} WHERE tenant_id = ${work.tenantId} AND ${sql.identifier(column)} = ${value}
           ORDER BY 1, 2`,
    ),
  );
}

/** The non-tenant primary-key columns of each catalog table: a row's audit record id is their values joined by '/'. */
export function keyColumns(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of allTables()) {
    const config = getTableConfig(entry.table);
    const pk =
      config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
    map.set(
      entry.qualifiedName,
      pk.filter((c) => c !== 'tenant_id'),
    );
  }
  return map;
}

export async function collectStudentRecord(
  work: Work,
  studentUsi: number,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<StudentRecord> {
  const [student] = await rowsWhere(work, 'edfi.student', 'studentusi', studentUsi);
  if (!student) throw new AppError('not_found', `No student ${studentUsi}.`);
  const identities = new Map<string, { value: unknown; name: string }>([
    ['edfi.student', { value: studentUsi, name: 'Ed-Fi StudentUSI' }],
  ]);
  const [projected] = await rowsWhere(work, 'oneroster.users', 'sourced_id', String(student.id));
  if (projected) identities.set('oneroster.users', { value: String(student.id), name: 'OneRoster sourcedId' });
  const domains = new Map(allTables().map((t) => [t.qualifiedName, t.domain]));
  const references = await referencesTo(work, [...identities.keys()]);
  const tables: StudentTable[] = [
    {
      table: 'edfi.student',
      domain: 'edfi',
      column: 'studentusi',
      identity: 'Ed-Fi StudentUSI',
      rows: [student],
    },
  ];
  if (projected)
    tables.push({
      table: 'oneroster.users',
      domain: 'oneroster',
      column: 'sourced_id',
      identity: 'OneRoster sourcedId',
      rows: [projected],
    });
  let done = 0;
  for (const ref of references) {
    const identity = identities.get(ref.target)!;
    const rows = await rowsWhere(work, ref.table, ref.column, identity.value);
    tables.push({
      table: ref.table,
      domain: domains.get(ref.table) ?? ref.table.split('.')[0]!,
      column: ref.column,
      identity: identity.name,
      rows,
    });
    onProgress(++done, references.length);
  }
  const audit = await auditOf(work, studentUsi, tables);
  return { studentUsi, student, tables, audit };
}

/**
 * Audit rows about the student's records: the student row itself and every exported row, by its key
 * (a list read records its page's keys joined by ',').
 */
async function auditOf(work: Work, studentUsi: number, tables: StudentTable[]): Promise<Record<string, unknown>[]> {
  const keys = keyColumns();
  const names: string[] = ['edfi.student'];
  const ids: string[] = [String(studentUsi)];
  for (const t of tables) {
    const columns = keys.get(t.table) ?? [];
    if (columns.length === 0) continue;
    for (const row of t.rows) {
      names.push(t.table);
      ids.push(columns.map((c) => String(row[c])).join('/'));
    }
  }
  return rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT to_char(a."timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "timestamp", a.user_id,
             a.actor_role, a.operation, a.table_name, a.record_id, a.legitimate_educational_interest,
             a.justification, array_to_string(a.data_categories, ';') AS data_categories
        FROM compliance.audit_logs a
       WHERE a.tenant_id = ${work.tenantId}
         AND a.table_name = ANY(${sql.param([...new Set(names)])}::text[])
         AND EXISTS (SELECT 1 FROM unnest(${sql.param(names)}::text[], ${sql.param(ids)}::text[]) AS k(t, id)
                      WHERE k.t = a.table_name
                        AND (a.record_id = k.id OR k.id = ANY(string_to_array(a.record_id, ','))))
       ORDER BY a."timestamp", a.tenant_seq`),
  );
}
