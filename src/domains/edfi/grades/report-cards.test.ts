/**
 * Report cards and transcripts as PDF: the text extracted by pdftotext (poppler-utils) holds the right
 * grades, comment, GPA and attendance; a page is rendered to PNG (.tmp/screenshots) for a person to look
 * at; a whole school's report cards are one background job with progress and one page per student;
 * parents get only their children's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { schoolYearMonday } from '../../../../test/support/calendar.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { clearSectionGradebook } from '../../../../test/support/gradebook.js';
import { pdfPages, pdfText } from '../../../../test/support/pdf.js';
import { setCategories } from './categories.js';
import { createEntry } from './entries.js';
import { recordScores } from './scores.js';
import { computeGrades } from './grades.js';
import { commentGrade, overrideGrade } from './grade-edits.js';

let h: DomainHarness;
let tenant: string;
let section: { id: string; sectionidentifier: string; schoolid: number; staffusi: number };
let teacher: Principal;
let student: number;
let other: number;
const Q1 = 'First Quarter';
const SHOTS = '.tmp/screenshots';

function toPng(pdf: Buffer, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(SHOTS, name)]);
  fs.rmSync(file);
}

beforeAll(async () => {
  h = await domainHarness({}, { jobs: true });
  tenant = h.demo.districtTenantId;
  const [first] = await h.database.query<typeof section>(
    `SELECT s.id, s.sectionidentifier, s.schoolid, st.staffusi FROM edfi.section s
       JOIN edfi.staffsectionassociation st ON st.tenant_id = s.tenant_id AND st.sectionidentifier = s.sectionidentifier
        AND st.localcoursecode = s.localcoursecode AND st.schoolid = s.schoolid AND st.schoolyear = s.schoolyear
      WHERE s.tenant_id = $1 ORDER BY s.sectionidentifier LIMIT 1`,
    [tenant],
  );
  section = first!;
  await clearSectionGradebook(h.database, tenant, section.id);
  teacher = h.principal(['teacher'], { schoolIds: [section.schoolid], person: { edfiStaffUSI: section.staffusi } });
  const roster = await h.database.query<{ studentusi: number }>(
    `SELECT DISTINCT studentusi FROM edfi.studentsectionassociation
      WHERE tenant_id = $1 AND sectionidentifier = $2 ORDER BY 1`,
    [tenant, section.sectionidentifier],
  );
  [student, other] = roster.map((r) => r.studentusi) as [number, number];
  const { categories } = await h.work(teacher, (w) =>
    setCategories(w, section.id, { categories: [{ name: 'Tests', weightPercent: 100 }] }),
  );
  const entry = await h.work(teacher, (w) =>
    createEntry(w, section.id, {
      title: 'Unit test',
      categoryId: categories[0]!.id,
      gradingPeriod: Q1,
      // In the first quarter of the demo's school year (it follows today), inside the section's session.
      dateAssigned: schoolYearMonday(9, 2),
      maxPoints: 40,
    }),
  );
  // 37/40 = 92.5 % → A; 26/40 = 65 % → D, overridden to C.
  await h.work(teacher, (w) =>
    recordScores(w, section.id, entry.id, {
      scores: [
        { studentUsi: student, points: 37 },
        { studentUsi: other, points: 26 },
      ],
    }),
  );
  await h.work(teacher, (w) => computeGrades(w, section.id, Q1));
  await h.work(teacher, (w) =>
    commentGrade(w, section.id, Q1, student, { comment: 'Careful, steady work on proofs.' }),
  );
  await h.work(teacher, (w) => overrideGrade(w, section.id, Q1, other, { letter: 'C', reason: 'Project credit' }));
  await h.work(teacher, (w) => computeGrades(w, section.id, 'final'));
});
afterAll(() => h.dispose());

const admin = () => h.principal(['school_admin'], { schoolIds: [section.schoolid] });
const q = () => `schoolId=${section.schoolid}&gradingPeriod=${encodeURIComponent(Q1)}`;

describe('report cards', () => {
  it('a student’s report card PDF holds their grades, comment, GPA and attendance', async () => {
    const res = await h.inject(admin(), { method: 'GET', url: `/api/v1/students/${student}/report-card.pdf?${q()}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdfPages(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain('Report card — First Quarter');
    expect(text).toMatch(/English Language Arts\s+\S+ \S+\s+92\.5\s+A\s+Careful, steady work on/);
    expect(text).toMatch(/DAYS ENROLLED\s+DAYS ABSENT\s+DAYS TARDY\s+ATTENDANCE RATE\n\d+\s+\d+\s+\d+\s+\d+\.\d %/);
    expect(text).toMatch(/PERIOD GPA \(4\.0\)[^\n]*\n\d\.\d\d/);
    toPng(pdf, 'k12-report-card');
    const overridden = pdfText(
      (await h.inject(admin(), { method: 'GET', url: `/api/v1/students/${other}/report-card.pdf?${q()}` })).rawPayload,
    );
    expect(overridden).toMatch(/65\.0\s+C\b/);
  });

  it('the official transcript PDF lists the course, credits and GPA', async () => {
    const res = await h.inject(admin(), { method: 'GET', url: `/api/v1/students/${student}/transcript.pdf` });
    expect(res.statusCode, res.body).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Official transcript');
    expect(text).toMatch(/Regular\s+A\s+1\.00\s+1\.00\s+4\.0/);
    expect(text).toMatch(/CUMULATIVE GPA[^\n]*\n4\.00\s+4\.00\s+1\.00\s+1\.00\s+1 of \d+/);
    toPng(res.rawPayload, 'k12-transcript');
  });

  it('parents get only their children’s report cards', async () => {
    const [account] = await h.database.query<{ id: string }>(
      `INSERT INTO identity.accounts (tenant_id, email, display_name, roles)
       VALUES ($1, 'rc-parent@example.org', 'A parent', ARRAY['parent']) RETURNING id`,
      [tenant],
    );
    await h.database.query(
      'INSERT INTO identity.account_students (tenant_id, account_id, student_usi, relation) VALUES ($1, $2, $3, $4)',
      [tenant, account!.id, student, 'parent'],
    );
    const parent = h.principal(['parent'], { actorId: account!.id });
    const own = await h.inject(parent, { method: 'GET', url: `/api/v1/students/${student}/report-card.pdf?${q()}` });
    expect(own.statusCode).toBe(200);
    const notOwn = await h.inject(parent, { method: 'GET', url: `/api/v1/students/${other}/report-card.pdf?${q()}` });
    expect(notOwn.statusCode).toBe(403);
    const job = await h.inject(parent, {
      method: 'POST',
      url: `/api/v1/schools/${section.schoolid}/report-cards/${encodeURIComponent(Q1)}`,
    });
    expect(job.statusCode).toBe(403);
  });

  it('a whole school is one background job with progress, one page per student', async () => {
    const start = await h.inject(admin(), {
      method: 'POST',
      url: `/api/v1/schools/${section.schoolid}/report-cards/${encodeURIComponent(Q1)}`,
    });
    expect(start.statusCode, start.body).toBe(202);
    const { jobId } = start.json() as { jobId: string };
    let status: { status: string; progress: { done: number; total: number } | null; pages?: number } = {
      status: 'pending',
      progress: null,
    };
    for (let i = 0; i < 200 && !['completed', 'failed'].includes(status.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await h.inject(admin(), { method: 'GET', url: `/api/v1/report-card-jobs/${jobId}` })).json();
    }
    expect(status.status).toBe('completed');
    expect(status.progress!.done).toBe(status.progress!.total);
    expect(status.pages).toBe(status.progress!.total);
    const pdf = await h.inject(admin(), { method: 'GET', url: `/api/v1/report-card-jobs/${jobId}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdfPages(pdf.rawPayload)).toBe(status.pages);
    expect(pdfText(pdf.rawPayload)).toContain('Careful, steady work on');
    const stored = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM edfi.reportcard WHERE tenant_id = $1 AND educationorganizationid = $2`,
      [tenant, section.schoolid],
    );
    expect(stored[0]!.n).toBe(status.pages);
  });
});
