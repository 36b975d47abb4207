/**
 * The audit trail of one student, for the audit page: every compliance.audit_logs row about one of the
 * student's records — the Ed-Fi student row (StudentUSI), its OneRoster user (the projected sourcedId),
 * and every row of every table that holds the student by a foreign key to either (as the FERPA export
 * finds them, collect.ts), each by the record id the audit trail gives it (its key columns joined by
 * '/'; a list read records its page's ids joined by ','). The audit rows carry no student column, so
 * the student's records are resolved here, on the server, in the caller's tenant transaction.
 * Reading the audit trail is not itself audited (compliance data: reads are not audited, as the
 * generic API's list of compliance.audit_logs).
 */
import { sql } from 'drizzle-orm';
import { auditLogs } from '../../../platform/audit/tables.js';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { studentAuditQuery, type StudentAuditView } from '../schemas.js';
import { ident, keyColumns, referencesTo } from './collect.js';

interface RecordKey {
  table: string;
  id: string;
}

/** The audit record ids of every row held about the student, with their tables. */
export async function studentRecordKeys(work: Work, studentUsi: number): Promise<RecordKey[]> {
  const [student] = rowsOf<{ id: string }>(
    await work.tx.execute(
      sql`SELECT id FROM edfi.student WHERE tenant_id = ${work.tenantId} AND studentusi = ${studentUsi}`,
    ),
  );
  if (!student) throw new AppError('not_found', `No student ${studentUsi}.`);
  const identities = new Map<string, unknown>([['edfi.student', studentUsi]]);
  const sourcedId = String(student.id);
  const [projected] = rowsOf(
    await work.tx.execute(
      sql`SELECT 1 FROM oneroster.users WHERE tenant_id = ${work.tenantId} AND sourced_id = ${sourcedId}`,
    ),
  );
  const keys: RecordKey[] = [{ table: 'edfi.student', id: String(studentUsi) }];
  if (projected) {
    identities.set('oneroster.users', sourcedId);
    keys.push({ table: 'oneroster.users', id: sourcedId });
  }
  const columnsOf = keyColumns();
  for (const ref of await referencesTo(work, [...identities.keys()])) {
    const columns = columnsOf.get(ref.table) ?? [];
    if (columns.length === 0) continue;
    const id = sql.join(
      columns.map((c) => sql`${sql.identifier(c)}::text`),
      sql`, `,
    );
    const rows = rowsOf<{ id: string }>(
      await work.tx.execute(
        sql`SELECT concat_ws('/', ${id}) AS id FROM ${ident(ref.table)}
             WHERE tenant_id = ${work.tenantId} AND ${sql.identifier(ref.column)} = ${identities.get(ref.target)}`,
      ),
    );
    for (const row of rows) keys.push({ table: ref.table, id: row.id });
  }
  return keys;
}

interface AuditRow {
  id: string | number;
  timestamp: Date | string;
  user_id: string;
  actor_role: string | null;
  operation: string;
  table_name: string;
  record_id: string | null;
  legitimate_educational_interest: boolean | null;
  justification: string | null;
}

/** The audit rows about the student's records, newest first, one page, optionally within [from, to). */
export async function studentAuditTrail(work: Work, studentUsi: number, query: unknown): Promise<StudentAuditView> {
  const { from, to, limit, offset } = parseInput(studentAuditQuery, query);
  await work.authorize(auditLogs, 'read');
  const keys = await studentRecordKeys(work, studentUsi);
  const tables = keys.map((k) => k.table);
  const ids = keys.map((k) => k.id);
  const about = sql`a.tenant_id = ${work.tenantId}
         AND a.table_name = ANY(${sql.param([...new Set(tables)])}::text[])
         ${from ? sql`AND a."timestamp" >= ${from}::timestamptz` : sql``}
         ${to ? sql`AND a."timestamp" < ${to}::timestamptz` : sql``}
         AND EXISTS (SELECT 1 FROM unnest(${sql.param(tables)}::text[], ${sql.param(ids)}::text[]) AS k(t, id)
                      WHERE k.t = a.table_name
                        AND (a.record_id = k.id OR k.id = ANY(string_to_array(a.record_id, ','))))`;
  const [counted] = rowsOf<{ n: string | number }>(
    await work.tx.execute(sql`SELECT count(*) AS n FROM compliance.audit_logs a WHERE ${about}`),
  );
  const rows = rowsOf<AuditRow>(
    await work.tx.execute(sql`
      SELECT a.id, a."timestamp", a.user_id, a.actor_role, a.operation, a.table_name, a.record_id,
             a.legitimate_educational_interest, a.justification
        FROM compliance.audit_logs a
       WHERE ${about}
       ORDER BY a."timestamp" DESC, a.tenant_seq DESC
       LIMIT ${limit} OFFSET ${offset}`),
  );
  const total = Number(counted?.n ?? 0);
  return {
    studentUsi,
    recordCount: keys.length,
    data: rows.map((r) => ({
      id: Number(r.id),
      timestamp: new Date(r.timestamp).toISOString(),
      userId: r.user_id,
      actorRole: r.actor_role,
      operation: r.operation,
      tableName: r.table_name,
      recordId: r.record_id,
      legitimateEducationalInterest: r.legitimate_educational_interest,
      justification: r.justification,
    })),
    page: { limit, offset, total },
  };
}
