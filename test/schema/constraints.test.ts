/**
 * Rules the database enforces (CHECKs from the seeds' comments, foreign keys, unique keys) reach a
 * client as clear 4xx problems naming the rule, on both engines — a few per schema.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapPgError } from '../../src/platform/db/pg-errors.js';
import { AppError } from '../../src/platform/http/errors.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
const tenant = randomUUID();

beforeAll(async () => {
  database = await migratedDatabase();
  await database.query(
    `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, 'rules', 'Rules ISD', 'district')`,
    [tenant],
  );
});
afterAll(() => database.dispose());

async function refusal(sql: string, params: unknown[] = []): Promise<AppError> {
  const error = await database.query(sql, params).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected the database to refuse: ${sql}`).toBeDefined();
  const mapped = mapPgError(error);
  expect(mapped, `unmapped database error: ${(error as Error).message}`).toBeInstanceOf(AppError);
  return mapped!;
}

describe('database rules become 4xx problems', () => {
  it('CHECK from a seed comment (oneroster status active|tobedeleted) → 400 naming the rule', async () => {
    await database.query(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type) VALUES ($1, 'org-1', 'District', 'district')`,
      [tenant],
    );
    const error = await refusal(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, status, name, type) VALUES ($1, 'org-2', 'archived', 'X', ` +
        `'school')`,
      [tenant],
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.extras.validationErrors!)).toEqual(['orgs_status_check']);
  });

  it('range CHECK (two_hour_learning competency_rating 1–5) → 400', async () => {
    const error = await refusal(
      `INSERT INTO two_hour_learning.life_skills_activities (tenant_id, student_id, activity_type, activity_date, ` +
        `duration_minutes, competency_rating)
       VALUES ($1, 's1', 'Coding', '2026-10-01', 30, 6)`,
      [tenant],
    );
    expect(error.status).toBe(400);
    expect(error.detail).toMatch(/competency_rating/);
  });

  it('CHECK in seed 002 (core.users role) and seed 000 counters → 400', async () => {
    await database.query(
      `INSERT INTO core.organizations (tenant_id, id, name, slug) VALUES ($1, '01ORG', 'Escola', 'escola')`,
      [tenant],
    );
    expect(
      (
        await refusal(
          `INSERT INTO core.users (tenant_id, id, organization_id, role) VALUES ($1, '01USR', '01ORG', 'janitor')`,
          [tenant],
        )
      ).status,
    ).toBe(400);
    await database.query(`INSERT INTO users.schools (tenant_id, id, name) VALUES ($1, $2, 'Lincoln')`, [
      tenant,
      randomUUID(),
    ]);
    const teacher = randomUUID();
    await database.query(`INSERT INTO users.teachers (tenant_id, id, name) VALUES ($1, $2, 'T')`, [tenant, teacher]);
    const error = await refusal(
      `INSERT INTO sessions.classroom_sessions (tenant_id, title, status, teacher_id, auto_group_enabled, ` +
        `recording_enabled, transcription_enabled,
         ai_analysis_enabled, ferpa_compliant, coppa_compliant, recording_consent_obtained, planned_duration_minutes)
       VALUES ($1, 'x', 'draft', $2, true, true, true, true, true, true, true, -5)`,
      [tenant, teacher],
    );
    expect(error.status).toBe(400);
  });

  it('foreign key miss (a health record for an unknown Ed-Fi student) → 409 naming the reference', async () => {
    const error = await refusal(
      `INSERT INTO health.allergies (tenant_id, student_usi, allergen_name) VALUES ($1, 987654, 'Peanuts')`,
      [tenant],
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe('reference_not_found');
    expect(error.extras.key).toEqual(['student_usi']);
    expect(error.detail).not.toMatch(/987654/); // values (possibly personal data) stay out of messages
  });

  it('a delete that would orphan rows → 409 dependent_records_exist', async () => {
    await database.query(
      `INSERT INTO oneroster.users (tenant_id, sourced_id, given_name, family_name, primary_org_sourced_id)
        VALUES ($1, 'u-1', 'A', 'B', 'org-1')`,
      [tenant],
    );
    const error = await refusal(`DELETE FROM oneroster.orgs WHERE tenant_id = $1 AND sourced_id = 'org-1'`, [tenant]);
    expect(error.status).toBe(409);
    expect(error.code).toBe('dependent_records_exist');
  });

  it('unique clash (Ed-Fi studentUniqueId per tenant) → 409 naming the key, while another tenant may reuse it', async () => {
    await database.query(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
        VALUES ($1, '604821', 'Ana', 'Diaz', '2012-03-04')`,
      [tenant],
    );
    const error = await refusal(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate) VALUES ($1, ` +
        `'604821', 'Bo', 'Li', '2012-05-06')`,
      [tenant],
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe('duplicate_key');
    expect(error.extras.key).toEqual(['studentuniqueid']);
    const other = randomUUID();
    await database.query(
      `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, 'other', 'Other', 'district')`,
      [other],
    );
    await database.query(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
        VALUES ($1, '604821', 'Cy', 'Ng', '2012-07-08')`,
      [other],
    );
  });

  it('overlong text and missing NOT NULL values → 400 naming the column', async () => {
    const long = await refusal(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate) VALUES ($1, $2, ` +
        `'A', ` +
        `'B', '2012-01-01')`,
      [tenant, 'x'.repeat(40)],
    );
    expect(long.status).toBe(400);
    const missing = await refusal(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, lastsurname, birthdate) VALUES ($1, 'n1', 'B', ` +
        `'2012-01-01')`,
      [tenant],
    );
    expect(missing.extras.validationErrors).toEqual({ firstname: ['is required'] });
  });

  it('finance rules of the payroll supplement (net = gross − deductions + additions) → 400', async () => {
    await database.query(
      `INSERT INTO core.users (tenant_id, id, organization_id, role) VALUES ($1, '01TEACH', '01ORG', 'teacher')`,
      [tenant],
    );
    const error = await refusal(
      `INSERT INTO finance.staff_payroll (tenant_id, id, organization_id, user_id, period_start, period_end, ` +
        `payroll_type, gross_amount_cents,
         total_deductions_cents, total_additions_cents, net_amount_cents, status)
       VALUES ($1, '01PAY', '01ORG', '01TEACH', '2026-10-01', '2026-10-31', 'salary', 500000, 50000, 0, 500000, ` +
        `'draft')`,
      [tenant],
    );
    expect(error.status).toBe(400);
  });
});

describe('compliance.audit_logs partitions', () => {
  it('accepts an insert for a month with no partition yet, then moves it into the month partition created later', async () => {
    const insert = (ts: string, seq: number) =>
      database.query(
        `INSERT INTO compliance.audit_logs (tenant_id, user_id, table_name, operation, "timestamp", tenant_seq,
          row_hash)
         VALUES ($1, 'u', 'edfi.student', 'UPDATE', $2, $3, repeat('a', 64))`,
        [tenant, ts, seq],
      );
    // Five years ahead (never a fixed year, which would one day have its partitions): only DEFAULT can take it.
    const year = new Date().getUTCFullYear() + 5;
    await insert(`${year}-04-15T10:00:00Z`, 1);
    const where = async () =>
      (
        await database.query<{ part: string }>(
          `SELECT tableoid::regclass::text AS part FROM compliance.audit_logs WHERE tenant_id = $1`,
          [tenant],
        )
      )[0]!.part;
    expect(await where()).toBe('compliance.audit_logs_default');
    const created = await database.query<{ n: number }>(
      `SELECT compliance.ensure_audit_log_partitions('${year}-03-01', 2) AS n`,
    );
    expect(created[0]!.n).toBe(3);
    expect(await where()).toBe(`compliance.audit_logs_y${year}m04`);
    // Running it again is a no-op; inserts keep working in the new partition.
    expect(
      (
        await database.query<{ n: number }>(`SELECT compliance.ensure_audit_log_partitions('${year}-03-01', 2) AS n`)
      )[0]!.n,
    ).toBe(0);
    await insert(`${year}-04-20T10:00:00Z`, 2);
    const bounds = await database.query<{ b: string }>(
      `SELECT pg_get_expr(relpartbound, oid) AS b FROM pg_class WHERE relname = $1`,
      [`audit_logs_y${year}m04`],
    );
    expect(bounds[0]!.b).toMatch(new RegExp(`${year}-04-01 00:00:00\\+00.*${year}-05-01 00:00:00\\+00`));
  });
});
