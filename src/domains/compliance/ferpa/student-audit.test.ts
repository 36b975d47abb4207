/**
 * The audit trail of one student (the audit page's search by student): the rows about that student's
 * records in any table — found from the foreign keys, not from an audit column the rows do not have —
 * and none about another student's; for administrators and auditors only; paged, newest first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';

let h: DomainHarness;
let tenant: string;
let studentA: number;
let studentB: number;
let allergyA: string;
let allergyB: string;

const trail = (usi: number | string, role: 'district_admin' | 'auditor' | 'teacher' = 'auditor', query = '') =>
  h.inject(h.principal([role]), { method: 'GET', url: `/api/v1/compliance/students/${usi}/audit-trail${query}` });

interface TrailRow {
  tableName: string;
  recordId: string | null;
  operation: string;
  timestamp: string;
}

beforeAll(async () => {
  h = await domainHarness({ students: 16, schools: 1, sectionsPerSchool: 2, languageSchoolStudents: 2 });
  tenant = h.demo.districtTenantId;
  const students = await h.database.query<{ studentusi: number }>(
    'SELECT DISTINCT studentusi FROM edfi.studentschoolassociation WHERE tenant_id = $1 ORDER BY 1 LIMIT 2',
    [tenant],
  );
  [studentA, studentB] = students.map((s) => s.studentusi) as [number, number];
  const allergy = async (usi: number, allergen: string) =>
    (
      await h.database.query<{ id: string }>(
        `INSERT INTO health.allergies (tenant_id, student_usi, allergen_name, severity)
         VALUES ($1, $2, $3, 'Severe') RETURNING allergy_id::text AS id`,
        [tenant, usi, allergen],
      )
    )[0]!.id;
  allergyA = await allergy(studentA, 'Peanuts');
  allergyB = await allergy(studentB, 'Shellfish');
  // Someone reads both students' allergies (sensitive health data: the reads are audited).
  for (const id of [allergyA, allergyB]) {
    const read = await h.inject(h.principal(['district_admin']), {
      method: 'GET',
      url: `/api/v1/health/allergies/${id}`,
      headers: { 'x-justification': 'emergency care plan review' },
    });
    expect(read.statusCode, read.body).toBe(200);
  }
});
afterAll(() => h?.dispose());

describe("a student's audit trail", () => {
  it("lists the reads and changes of the student's records in any table, nobody else's", async () => {
    const res = await trail(studentA);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ studentUsi: number; recordCount: number; data: TrailRow[]; page: { total: number } }>();
    expect(body.studentUsi).toBe(studentA);
    expect(body.recordCount).toBeGreaterThan(2);
    const health = body.data.filter((r) => r.tableName === 'health.allergies');
    expect(health.map((r) => [r.operation, r.recordId])).toEqual([['SELECT', allergyA]]);
    expect(body.data.some((r) => r.recordId === allergyB)).toBe(false);
    expect(body.page.total).toBe(body.data.length);
    const times = body.data.map((r) => r.timestamp);
    expect([...times].sort().reverse()).toEqual(times);

    const other = (await trail(studentB, 'district_admin')).json<{ data: TrailRow[] }>();
    expect(other.data.filter((r) => r.tableName === 'health.allergies').map((r) => r.recordId)).toEqual([allergyB]);
  });

  it('pages and filters by date on the server', async () => {
    const all = (await trail(studentA)).json<{ data: TrailRow[]; page: { total: number } }>();
    const first = (await trail(studentA, 'auditor', '?limit=1')).json<{ data: TrailRow[]; page: { total: number } }>();
    expect(first.data).toHaveLength(1);
    expect(first.page.total).toBe(all.page.total);
    const future = (await trail(studentA, 'auditor', `?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`)).json<{
      data: TrailRow[];
      page: { total: number };
    }>();
    expect(future).toMatchObject({ data: [], page: { total: 0 } });
  });

  it('is for administrators and auditors only; a bad or unknown student is refused in words', async () => {
    expect((await trail(studentA, 'teacher')).statusCode).toBe(403);
    const unknown = await trail(2_000_000_000);
    expect(unknown.statusCode).toBe(404);
    const bad = await trail('abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('studentUsi');
    expect((await trail(studentA, 'auditor', '?limit=0')).statusCode).toBe(400);
  });
});
