/**
 * The FERPA inspection export as a background job: it finishes with progress, the zip holds that
 * student's rows from every domain that has any (tables found from the foreign keys), each as JSON and
 * CSV, a readable index, and the audit of who read those records — and nobody else's rows or reads.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import type { Principal } from '../../../platform/auth/roles.js';
import type { PackageSummary } from './package.js';

let h: DomainHarness;
let admin: Principal;
let tenant: string;
let studentA: number;
let studentB: number;
let allergyA: string;
let allergyB: string;

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

beforeAll(async () => {
  h = await domainHarness(
    { students: 16, schools: 1, sectionsPerSchool: 2, languageSchoolStudents: 2 },
    { jobs: true },
  );
  tenant = h.demo.districtTenantId;
  admin = h.principal(['district_admin']);
  // A: a student with a library loan (demo data); B: another enrolled student.
  const [a] = await h.database.query<{ student_usi: number }>(
    'SELECT student_usi FROM library.checkouts WHERE tenant_id = $1 ORDER BY student_usi LIMIT 1',
    [tenant],
  );
  studentA = a!.student_usi;
  const [b] = await h.database.query<{ studentusi: number }>(
    'SELECT studentusi FROM edfi.studentschoolassociation WHERE tenant_id = $1 AND studentusi <> $2 ORDER BY 1 LIMIT 1',
    [tenant, studentA],
  );
  studentB = b!.studentusi;
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
  await h.database.query(
    `INSERT INTO specialed.accommodations (tenant_id, student_usi, plan_type, plan_id, accommodation_description)
     VALUES ($1, $2, '504', 1, 'Extra time on tests'), ($1, $3, '504', 2, 'Seat near the board')`,
    [tenant, studentA, studentB],
  );
});
afterAll(() => h.dispose());

async function finished(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const res = await h.inject(admin, { method: 'GET', url: `/api/v1/compliance/ferpa-exports/${jobId}` });
    const body = res.json<{ status: string; downloadUrl: string | null; progress: unknown; summary: PackageSummary }>();
    if (body.status === 'completed' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('export did not finish');
}

describe('FERPA inspection export', () => {
  it("holds the student's rows from every domain and the audit of who read them, nobody else's", async () => {
    // Someone reads both students' allergies (sensitive health data: the reads are audited).
    const reader = h.principal(['district_admin']);
    for (const id of [allergyA, allergyB]) {
      const read = await h.inject(reader, {
        method: 'GET',
        url: `/api/v1/health/allergies/${id}`,
        headers: { 'x-justification': 'emergency care plan review' },
      });
      expect(read.statusCode, read.body).toBe(200);
    }

    const start = await h.inject(admin, {
      method: 'POST',
      url: '/api/v1/compliance/ferpa-exports',
      ...json({ studentUsi: studentA }),
    });
    expect(start.statusCode).toBe(202);
    const { jobId } = start.json<{ jobId: string }>();
    const done = await finished(jobId);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ tablesDone: expect.any(Number), tablesTotal: expect.any(Number) });
    expect(done.downloadUrl).toBe(`/api/v1/compliance/ferpa-exports/${jobId}/download`);

    const download = await h.inject(admin, { method: 'GET', url: done.downloadUrl! });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/zip');
    const files = unzipSync(new Uint8Array(download.rawPayload));
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain(`StudentUSI ${studentA}`);
    const index = JSON.parse(strFromU8(files['index.json']!)) as PackageSummary;

    // Every domain with a row about A, each table as JSON and CSV.
    const withRows = index.tables.filter((t) => t.rows > 0);
    const domains = new Set(withRows.map((t) => t.domain));
    for (const d of ['edfi', 'health', 'library', 'specialed']) expect(domains).toContain(d);
    for (const table of ['edfi.student', 'edfi.studentschoolassociation', 'health.allergies', 'library.checkouts'])
      expect(withRows.map((t) => t.table)).toContain(table);
    // Tables are derived from the foreign keys: every table referencing edfi.student is listed.
    const [{ n }] = (await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND confrelid = 'edfi.student'::regclass
         AND conrelid <> 'compliance.student_record_exports'::regclass`,
    )) as [{ n: number }];
    expect(index.tables.filter((t) => t.identity === 'Ed-Fi StudentUSI' && t.table !== 'edfi.student')).toHaveLength(n);

    for (const t of withRows) {
      expect(t.files).toEqual([expect.stringMatching(/\.json$/), expect.stringMatching(/\.csv$/)]);
      const rows = JSON.parse(strFromU8(files[t.files[0]!]!)) as Record<string, unknown>[];
      expect(rows).toHaveLength(t.rows);
      for (const row of rows) {
        if (t.identity === 'Ed-Fi StudentUSI') expect(row[t.column]).toBe(studentA);
        expect(row.tenant_id).toBe(tenant);
      }
      const csv = strFromU8(files[t.files[1]!]!);
      expect(csv.trim().split('\n')).toHaveLength(t.rows + 1);
    }
    // A's allergies (the demo may have given A one already), never B's.
    const allergies = JSON.parse(strFromU8(files['tables/health/health.allergies.json']!)) as {
      allergy_id: number | string;
      student_usi: number;
    }[];
    const ofA = await h.database.query<{ id: string }>(
      'SELECT allergy_id::text AS id FROM health.allergies WHERE tenant_id = $1 AND student_usi = $2 ORDER BY 1',
      [tenant, studentA],
    );
    expect(allergies.map((a) => String(a.allergy_id)).sort()).toEqual(ofA.map((r) => r.id).sort());
    expect(allergies.map((a) => String(a.allergy_id))).toContain(allergyA);
    expect(allergies.map((a) => String(a.allergy_id))).not.toContain(allergyB);

    const access = JSON.parse(strFromU8(files['audit/access-log.json']!)) as {
      table_name: string;
      record_id: string;
      operation: string;
    }[];
    expect(access).toContainEqual(
      expect.objectContaining({ table_name: 'health.allergies', record_id: allergyA, operation: 'SELECT' }),
    );
    expect(access.some((a) => a.record_id === allergyB)).toBe(false);
    expect(strFromU8(files['audit/access-log.csv']!)).toContain('health.allergies');
  });

  it('only administrators export; bad input is a 400 naming the field', async () => {
    const teacher = await h.inject(h.principal(['teacher']), {
      method: 'POST',
      url: '/api/v1/compliance/ferpa-exports',
      ...json({ studentUsi: studentA }),
    });
    expect(teacher.statusCode).toBe(403);
    const bad = await h.inject(admin, {
      method: 'POST',
      url: '/api/v1/compliance/ferpa-exports',
      ...json({ studentUsi: 'x' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('studentUsi');
    const missing = await h.inject(admin, {
      method: 'POST',
      url: '/api/v1/compliance/ferpa-exports',
      ...json({ studentUsi: 2147480000 }),
    });
    expect(missing.statusCode).toBe(404);
  });
});
