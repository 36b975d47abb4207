/**
 * Period and final grades read through both standards agree: Ed-Fi `/grades` (and the course transcript
 * the final grade writes; Ed-Fi 5.2 embeds it in StudentAcademicRecord, which the API does not serve)
 * against OneRoster 1.2's gradebook, where a section's grades of one grading period (or its final grade)
 * are a line item of the class ("First Quarter grade", "Final grade") and each student's grade is a
 * result (score = percent, textScore = the effective letter). Checked after computing and again after a
 * teacher's override and comment, which both faces show at once (same unit of work).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { gradebookSection, gradeOneTest } from '../../../../test/support/gradebook.js';
import { studentGrades } from './gpa.js';
import { commentGrade, overrideGrade } from './grade-edits.js';

let h: DomainHarness;
let tenant: string;
let section: { id: string; sectionidentifier: string; schoolid: number; staffusi: number; coursecode: string };
let teacher: Principal;
let client: Principal;
let roster: { usi: number; uniqueId: string; id: string }[];
const Q1 = 'First Quarter';

interface EdfiGrade {
  id: string;
  letterGradeEarned?: string;
  numericGradeEarned?: number;
  gradeTypeDescriptor: string;
  gradingPeriodReference: { gradingPeriodDescriptor: string };
  studentSectionAssociationReference: { studentUniqueId: string };
}
interface OrResult {
  sourcedId: string;
  lineItem: { sourcedId: string };
  student: { sourcedId: string };
  score?: number;
  textScore?: string;
  scoreStatus: string;
  comment?: string;
  metadata?: { overridden?: boolean; computedLetter?: string };
}

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  const sections = await h.database.query<typeof section>(
    `SELECT s.id, s.sectionidentifier, s.schoolid, st.staffusi, o.coursecode FROM edfi.section s
       JOIN edfi.staffsectionassociation st ON st.tenant_id = s.tenant_id AND st.sectionidentifier = s.sectionidentifier
        AND st.localcoursecode = s.localcoursecode AND st.schoolid = s.schoolid AND st.schoolyear = s.schoolyear
       JOIN edfi.courseoffering o ON o.tenant_id = s.tenant_id AND o.localcoursecode = s.localcoursecode
        AND o.schoolid = s.schoolid AND o.schoolyear = s.schoolyear AND o.sessionname = s.sessionname
      WHERE s.tenant_id = $1 ORDER BY s.sectionidentifier DESC LIMIT 1`,
    [tenant],
  );
  section = sections[0]!;
  ({ teacher, client, roster } = await gradebookSection(h, section));
  expect(roster.length).toBeGreaterThan(1);
  await gradeOneTest(h, section, teacher, roster);
});
afterAll(() => h.dispose());

async function edfiGrades(): Promise<EdfiGrade[]> {
  const res = await h.inject(client, {
    method: 'GET',
    url: `/data/v3/ed-fi/grades?sectionIdentifier=${encodeURIComponent(section.sectionidentifier)}&limit=500`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as EdfiGrade[];
}

async function oneRoster() {
  const base = `/ims/oneroster/gradebook/v1p2/classes/${section.id}`;
  const items = await h.inject(client, { method: 'GET', url: `${base}/lineItems?limit=500` });
  const results = await h.inject(client, { method: 'GET', url: `${base}/results?limit=500` });
  expect(items.statusCode, items.body).toBe(200);
  expect(results.statusCode, results.body).toBe(200);
  const lineItems = items.json().lineItems as {
    sourcedId: string;
    title: string;
    academicSession: { sourcedId: string } | null;
    metadata?: { gradeType?: string };
  }[];
  return { lineItems, results: results.json().results as OrResult[] };
}

/** Every Ed-Fi grade has its OneRoster result under the line item of its period (or the final one), same values. */
async function expectAgreement() {
  const grades = await edfiGrades();
  const { lineItems, results } = await oneRoster();
  const byId = new Map(results.map((r) => [r.sourcedId, r]));
  const final = lineItems.find((i) => i.metadata?.gradeType === 'Final')!;
  const quarter = lineItems.find((i) => i.title === `${Q1} grade`)!;
  expect(final, JSON.stringify(lineItems)).toBeDefined();
  expect(final.title).toBe('Final grade');
  expect(quarter.metadata?.gradeType).toBe('Grading Period');
  expect(grades).toHaveLength(roster.length * 2);
  for (const g of grades) {
    const r = byId.get(g.id);
    expect(r, `result of grade ${g.id}`).toBeDefined();
    const isFinal = g.gradeTypeDescriptor.endsWith('#Final');
    expect(r!.lineItem.sourcedId).toBe(isFinal ? final.sourcedId : quarter.sourcedId);
    const student = roster.find((s) => s.uniqueId === g.studentSectionAssociationReference.studentUniqueId)!;
    expect(r!.student.sourcedId).toBe(student.id);
    expect(r!.textScore).toBe(g.letterGradeEarned);
    expect(Number(r!.score)).toBe(Number(g.numericGradeEarned));
    expect(r!.scoreStatus).toBe('fully graded');
  }
  return { grades, results: byId, final };
}

/** The student's course transcript row of the section's course (written with the final grade). */
async function transcriptOf(usi: number) {
  const admin = h.principal(['district_admin']);
  const { transcript } = await h.work(admin, (w) => studentGrades(w, usi));
  const rows = transcript.filter((t) => t.courseCode === section.coursecode);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('period and final grades through Ed-Fi and OneRoster', () => {
  it('agree after computing: every grade is a result of its period’s or the final line item', async () => {
    const { grades, results } = await expectAgreement();
    const first = roster[0]!;
    const finalOfFirst = grades.find(
      (g) =>
        g.gradeTypeDescriptor.endsWith('#Final') &&
        g.studentSectionAssociationReference.studentUniqueId === first.uniqueId,
    )!;
    expect(finalOfFirst).toMatchObject({ letterGradeEarned: 'A', numericGradeEarned: 95 });
    // The course transcript (Ed-Fi) carries the same final grade OneRoster shows.
    const transcript = await transcriptOf(first.usi);
    expect(transcript.letter).toBe(results.get(finalOfFirst.id)!.textScore);
  });

  it('agree after a teacher overrides a period and a final grade and comments on one', async () => {
    const second = roster[1]!; // 85 → B
    await h.work(teacher, (w) =>
      overrideGrade(w, section.id, Q1, second.usi, { letter: 'A', reason: 'Project credit accepted' }),
    );
    await h.work(teacher, (w) =>
      overrideGrade(w, section.id, 'final', second.usi, { letter: 'A', reason: 'Project credit accepted' }),
    );
    await h.work(teacher, (w) => commentGrade(w, section.id, Q1, second.usi, { comment: 'Excellent project.' }));
    const { grades, results } = await expectAgreement();
    const mine = grades.filter((g) => g.studentSectionAssociationReference.studentUniqueId === second.uniqueId);
    expect(mine).toHaveLength(2);
    for (const g of mine) {
      expect(g).toMatchObject({ letterGradeEarned: 'A', numericGradeEarned: 85 });
      expect(results.get(g.id)!.metadata).toMatchObject({ overridden: true, computedLetter: 'B' });
    }
    const quarter = mine.find((g) => !g.gradeTypeDescriptor.endsWith('#Final'))!;
    expect(results.get(quarter.id)!.comment).toBe('Excellent project.');
    expect((await transcriptOf(second.usi)).letter).toBe('A');

    // Removing the override brings the computed letter back on both faces.
    await h.work(teacher, (w) => overrideGrade(w, section.id, 'final', second.usi, { letter: null }));
    const after = await expectAgreement();
    const final = after.grades.find(
      (g) =>
        g.gradeTypeDescriptor.endsWith('#Final') &&
        g.studentSectionAssociationReference.studentUniqueId === second.uniqueId,
    )!;
    expect(final.letterGradeEarned).toBe('B');
    expect(after.results.get(final.id)!.metadata).toMatchObject({ overridden: false });
    expect((await transcriptOf(second.usi)).letter).toBe('B');
  });
});
