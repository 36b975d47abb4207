import { describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../test/support/db.js';
import { DEFAULT_DEMO_SIZE, DemoTenantExistsError, hasAnyTenant, seedDemo } from './seed.js';

const SMALL = { ...DEFAULT_DEMO_SIZE, students: 60, schools: 2, sectionsPerSchool: 6, languageSchoolStudents: 12 };

async function fingerprint(database: TestDatabase): Promise<string> {
  const rows = await database.query<{ v: string }>(
    `SELECT string_agg(studentuniqueid || ':' || firstname || ' ' || lastsurname || ':' || birthdate, ','
      ORDER BY studentuniqueid) AS v FROM edfi.student`,
  );
  return rows[0]!.v;
}

async function count(database: TestDatabase, table: string): Promise<number> {
  return (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
}

describe('demo data generator', () => {
  it('fills the main tables of every seed coherently, sized by its flags', async () => {
    const database = await migratedDatabase();
    try {
      expect(await hasAnyTenant(database)).toBe(false);
      const summary = await seedDemo(database, SMALL);
      expect(await hasAnyTenant(database)).toBe(true);
      // seed 004: Ed-Fi and the same district in OneRoster
      expect(await count(database, 'edfi.student')).toBe(60);
      expect(await count(database, 'edfi.school')).toBe(2);
      expect(await count(database, 'edfi.section')).toBe(12);
      expect(await count(database, 'edfi.studentsectionassociation')).toBeGreaterThanOrEqual(60);
      expect(await count(database, 'edfi.calendardate')).toBeGreaterThan(300);
      // Students, one parent each, staff.
      expect(await count(database, 'oneroster.users')).toBe(60 + 60 + summary.counts.staff!);
      expect(summary.counts.onerosterParents).toBe(60);
      expect(await count(database, 'oneroster.users WHERE email IS NULL')).toBe(0);
      expect(await count(database, "oneroster.academic_sessions WHERE type = 'gradingPeriod'")).toBe(2 * 4);
      expect(await count(database, 'oneroster.classes')).toBe(12);
      expect(await count(database, 'oneroster.enrollments')).toBe(summary.counts.onerosterEnrollments);
      // seed 000: live classroom sessions with groups
      expect(await count(database, 'sessions.classroom_sessions')).toBeGreaterThan(0);
      expect(await count(database, 'sessions.student_group_members')).toBeGreaterThan(0);
      // seed 002: a language school with classes, invoices and a CRM funnel
      expect(await count(database, 'school_ops.classes')).toBe(6);
      // The term's first month for the 12 students, and the billing step's 3 months × 11 active enrolments: in cents
      expect(await count(database, 'finance.invoices WHERE net_cents IS NULL')).toBe(0);
      expect(await count(database, 'finance.invoices WHERE net_cents IS NOT NULL')).toBe(12 + 33);
      expect(await count(database, 'finance.transactions WHERE amount_cents IS NULL')).toBe(0);
      const statuses = await database.query<{ status: string }>(
        `SELECT DISTINCT status FROM finance.invoices ORDER BY 1`,
      );
      expect(statuses.map((r) => r.status)).toEqual(['overdue', 'paid', 'pending']);
      const funnel = await database.query<{ status: string }>(`SELECT DISTINCT status FROM crm.leads ORDER BY 1`);
      expect(funnel.map((r) => r.status)).toEqual([
        'contacted',
        'enrolled',
        'inactive',
        'lost',
        'new',
        'proposal_sent',
        'qualified',
        'trial_completed',
        'trial_scheduled',
      ]);
      // the term's sessions come from the weekly schedules, never on a holiday nor double-booked
      expect(await count(database, 'school_ops.sessions')).toBeGreaterThan(6 * 30);
      expect(
        await count(
          database,
          `school_ops.sessions s WHERE EXISTS (SELECT 1 FROM core.organizations o,
             jsonb_array_elements(o.settings->'holidays') h
             WHERE o.tenant_id = s.tenant_id AND h->>'date' = s.date::text)`,
        ),
      ).toBe(0);
      // Relative to today: the term is on, the sessions before today were held, this month has money in and out.
      expect(await count(database, 'school_ops.terms WHERE current_date BETWEEN start_date AND end_date')).toBe(1);
      expect(await count(database, "school_ops.sessions WHERE date < current_date AND status <> 'completed'")).toBe(0);
      expect(await count(database, "school_ops.sessions WHERE date >= current_date AND status = 'completed'")).toBe(0);
      const thisMonth = "date_trunc('month', processed_at) = date_trunc('month', now())";
      expect(await count(database, `finance.transactions WHERE type = 'income' AND ${thisMonth}`)).toBeGreaterThan(0);
      expect(await count(database, `finance.payroll_payments WHERE status = 'completed' AND ${thisMonth}`)).toBe(1);
      const clashes = await database.query(
        `SELECT 1 FROM school_ops.sessions a JOIN school_ops.classes ca ON ca.id = a.class_id
           JOIN school_ops.sessions b ON b.tenant_id = a.tenant_id AND b.date = a.date AND b.id < a.id
           JOIN school_ops.classes cb ON cb.id = b.class_id
          WHERE (ca.teacher_id = cb.teacher_id OR ca.room_id = cb.room_id)
            AND a.start_time < b.end_time AND b.start_time < a.end_time`,
      );
      expect(clashes).toEqual([]);
      // families with siblings
      expect(
        await count(database, '(SELECT parent_id FROM core.families GROUP BY 1 HAVING count(*) > 1) s'),
      ).toBeGreaterThan(0);
      // Each seed's rows live in its own tenant.
      const tenants = await database.query<{ kind: string; n: number }>(
        `SELECT t.kind, count(s.*)::int AS n FROM platform.tenants t LEFT JOIN edfi.student s ON s.tenant_id = t.id
          GROUP BY t.kind ORDER BY 1`,
      );
      expect(tenants).toEqual([
        { kind: 'district', n: 60 },
        { kind: 'language_school', n: 0 },
      ]);
      await expect(seedDemo(database, SMALL)).rejects.toBeInstanceOf(DemoTenantExistsError);
    } finally {
      await database.dispose();
    }
  }, 180_000);

  it('is deterministic: the same seed gives the same people, another seed different ones', async () => {
    const [a, b, c] = await Promise.all([migratedDatabase(), migratedDatabase(), migratedDatabase()]);
    try {
      await seedDemo(a, SMALL);
      await seedDemo(b, SMALL);
      await seedDemo(c, { ...SMALL, seed: 7 });
      expect(await fingerprint(a)).toBe(await fingerprint(b));
      expect(await fingerprint(a)).not.toBe(await fingerprint(c));
    } finally {
      await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
    }
  }, 150_000);
});
