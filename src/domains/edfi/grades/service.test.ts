/**
 * The gradebook and grades through the services and routes on the demo district: who may write
 * (own sections, enrolled students), period grades against a hand computation (weights, drop-lowest,
 * exemption, missing), overrides (reason required, audited, kept by a concurrent recompute), final
 * grades feeding the transcript and the GPA, parents' reach, and the Ed-Fi and OneRoster reads of
 * the same scores agreeing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { daysAfter, schoolYearMonday } from '../../../../test/support/calendar.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { clearSectionGradebook } from '../../../../test/support/gradebook.js';
import { studentGrades } from './gpa.js';
import { sectionGradebook } from './gradebook.js';
import { recordScores } from './scores.js';
import { computeGrades } from './grades.js';
import { overrideGrade } from './grade-edits.js';

let h: DomainHarness;
let tenant: string;
interface Section {
  id: string;
  sectionidentifier: string;
  schoolid: number;
  staffusi: number;
}
let section: Section;
let other: Section;
let teacher: Principal;
let roster: number[];
const cat: Record<string, string> = {};
const entry: Record<string, string> = {};
const Q1 = 'First Quarter';
/** In the first quarter of the demo's school year (it follows today): entries' dates must lie in the session. */
const SEPTEMBER = schoolYearMonday(9, 1);

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  const sections = await h.database.query<Section>(
    `SELECT s.id, s.sectionidentifier, s.schoolid, st.staffusi FROM edfi.section s
       JOIN edfi.staffsectionassociation st ON st.tenant_id = s.tenant_id AND st.sectionidentifier = s.sectionidentifier
        AND st.localcoursecode = s.localcoursecode AND st.schoolid = s.schoolid AND st.schoolyear = s.schoolyear
      WHERE s.tenant_id = $1 ORDER BY s.sectionidentifier`,
    [tenant],
  );
  section = sections[0]!;
  other = sections.find((s) => s.staffusi !== section.staffusi && s.schoolid === section.schoolid)!;
  teacher = h.principal(['teacher'], { schoolIds: [section.schoolid], person: { edfiStaffUSI: section.staffusi } });
  await clearSectionGradebook(h.database, tenant, section.id);
  roster = (
    await h.database.query<{ studentusi: number }>(
      `SELECT DISTINCT studentusi FROM edfi.studentsectionassociation
        WHERE tenant_id = $1 AND sectionidentifier = $2 ORDER BY 1`,
      [tenant, section.sectionidentifier],
    )
  ).map((r) => r.studentusi);
  expect(roster.length).toBeGreaterThan(3);
});
afterAll(() => h.dispose());

describe('gradebook', () => {
  it('sets weighted categories and adds entries through the routes', async () => {
    const res = await h.inject(teacher, {
      method: 'PUT',
      url: `/api/v1/sections/${section.id}/gradebook/categories`,
      ...json({
        categories: [
          { name: 'Homework', weightPercent: 20, dropLowest: 1 },
          { name: 'Quizzes', weightPercent: 30 },
          { name: 'Tests', weightPercent: 50 },
        ],
      }),
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const c of res.json().categories as { id: string; name: string }[]) cat[c.name] = c.id;
    const add = async (key: string, category: string, maxPoints: number) => {
      const r = await h.inject(teacher, {
        method: 'POST',
        url: `/api/v1/sections/${section.id}/gradebook/entries`,
        ...json({
          title: key,
          categoryId: cat[category],
          gradingPeriod: Q1,
          dateAssigned: SEPTEMBER,
          dueDate: daysAfter(SEPTEMBER, 7),
          maxPoints,
        }),
      });
      expect(r.statusCode, r.body).toBe(201);
      entry[key] = r.json().id;
    };
    await add('HW 1', 'Homework', 10);
    await add('HW 2', 'Homework', 10);
    await add('HW 3', 'Homework', 10);
    await add('Quiz 1', 'Quizzes', 20);
    await add('Test 1', 'Tests', 50);
  });

  it('answers 400 naming the field for bad input, and refuses another teacher’s section', async () => {
    const bad = await h.inject(teacher, {
      method: 'POST',
      url: `/api/v1/sections/${section.id}/gradebook/entries`,
      ...json({ title: 'x', categoryId: cat.Homework, gradingPeriod: Q1, dateAssigned: SEPTEMBER, maxPoints: -3 }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('maxPoints');
    const weight = await h.inject(teacher, {
      method: 'PUT',
      url: `/api/v1/sections/${section.id}/gradebook/categories`,
      ...json({ categories: [{ name: 'Homework', weightPercent: 120 }] }),
    });
    expect(weight.statusCode).toBe(400);
    expect(weight.body).toContain('categories.0.weightPercent');
    const foreign = await h.inject(teacher, {
      method: 'PUT',
      url: `/api/v1/sections/${other.id}/gradebook/categories`,
      ...json({ categories: [{ name: 'Homework', weightPercent: 20 }] }),
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('refuses scores for a student not in the section (422 naming the item)', async () => {
    const [stranger] = await h.database.query<{ studentusi: number }>(
      `SELECT studentusi FROM edfi.student WHERE tenant_id = $1 AND studentusi NOT IN (
         SELECT studentusi FROM edfi.studentsectionassociation WHERE tenant_id = $1 AND sectionidentifier = $2)
       LIMIT 1`,
      [tenant, section.sectionidentifier],
    );
    const res = await h.inject(teacher, {
      method: 'PUT',
      url: `/api/v1/sections/${section.id}/gradebook/entries/${entry['HW 1']}/scores`,
      ...json({
        scores: [
          { studentUsi: roster[0], points: 5 },
          { studentUsi: stranger!.studentusi, points: 5 },
        ],
      }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().validationErrors).toHaveProperty(['scores.1.studentUsi']);
  });

  it('computes period grades matching a hand computation', async () => {
    const [a, b] = roster as [number, number];
    const score = (key: string, scores: unknown[]) =>
      h.work(teacher, (w) => recordScores(w, section.id, entry[key]!, { scores }));
    // a: HW 10, 4 (dropped), 8 → 18/20 = 90; Quiz 16/20 = 80; Test 45/50 = 90 → 0.2·90 + 0.3·80 + 0.5·90 = 87 → B.
    // b: HW exempt, missing (→ 0, dropped), 10 → 10/10 = 100; Quiz 20/20 = 100; Test 25/50 = 50
    //    → 20 + 30 + 25 = 75 → C.
    await score('HW 1', [
      { studentUsi: a, points: 10 },
      { studentUsi: b, points: null, exempt: true },
    ]);
    await score('HW 2', [
      { studentUsi: a, points: 4, late: true },
      { studentUsi: b, points: null, missing: true },
    ]);
    await score('HW 3', [
      { studentUsi: a, points: 8 },
      { studentUsi: b, points: 10 },
    ]);
    await score('Quiz 1', [
      { studentUsi: a, points: 16 },
      { studentUsi: b, points: 20 },
    ]);
    await score('Test 1', [
      { studentUsi: a, points: 45 },
      { studentUsi: b, points: 25 },
    ]);
    const book = await h.work(teacher, (w) => sectionGradebook(w, section.id, { gradingPeriod: Q1 }));
    expect(book.entries).toHaveLength(5);
    expect(book.scores.find((s) => s.studentUsi === a && s.entryId === entry['HW 2'])).toMatchObject({ late: true });

    const res = await h.inject(teacher, { method: 'POST', url: `/api/v1/sections/${section.id}/grades/${Q1}/compute` });
    expect(res.statusCode, res.body).toBe(200);
    const grades = res.json().grades as { studentUsi: number; percent: number; letter: string }[];
    expect(grades.find((g) => g.studentUsi === a)).toMatchObject({ percent: 87, letter: 'B' });
    expect(grades.find((g) => g.studentUsi === b)).toMatchObject({ percent: 75, letter: 'C' });
    // Stored as Ed-Fi grades.
    const [row] = await h.database.query<{ lettergradeearned: string; numericgradeearned: string }>(
      `SELECT lettergradeearned, numericgradeearned FROM edfi.grade WHERE tenant_id = $1 AND studentusi = $2
         AND sectionidentifier = $3`,
      [tenant, a, section.sectionidentifier],
    );
    expect(row).toMatchObject({ lettergradeearned: 'B' });
    expect(Number(row!.numericgradeearned)).toBe(87);
  });

  it('overrides need a reason and a letter on the scale, are audited, and survive a concurrent recompute', async () => {
    const b = roster[1]!;
    const url = `/api/v1/sections/${section.id}/grades/${Q1}/students/${b}/override`;
    expect((await h.inject(teacher, { method: 'PUT', url, ...json({ letter: 'B' }) })).statusCode).toBe(400);
    const off = await h.inject(teacher, { method: 'PUT', url, ...json({ letter: 'Z', reason: 'typo' }) });
    expect(off.statusCode).toBe(422);
    const [, ok] = await Promise.all([
      h.work(teacher, (w) => computeGrades(w, section.id, Q1)),
      h.work(teacher, (w) => overrideGrade(w, section.id, Q1, b, { letter: 'B', reason: 'Retake of Test 1 accepted' })),
      h.work(teacher, (w) => computeGrades(w, section.id, Q1)),
    ]);
    expect(ok).toMatchObject({ letter: 'B', computedLetter: 'C', overridden: true });
    const after = await h.work(teacher, (w) => computeGrades(w, section.id, Q1));
    expect(after.grades.find((g) => g.studentUsi === b)).toMatchObject({ letter: 'B', computedLetter: 'C' });
    const audit = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'edfi.grade'
         AND new_values->>'overrideReason' = 'Retake of Test 1 accepted'`,
      [tenant],
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('final grades feed the transcript and the GPA; a parent sees only their child', async () => {
    const a = roster[0]!;
    const final = await h.work(teacher, (w) => computeGrades(w, section.id, 'final'));
    expect(final.grades.find((g) => g.studentUsi === a)).toMatchObject({ percent: 87, letter: 'B' });
    const mine = await h.work(h.principal(['district_admin']), (w) => studentGrades(w, a));
    expect(mine.transcript).toHaveLength(1);
    expect(mine.transcript[0]).toMatchObject({ letter: 'B', gradePoints: 3 });
    expect(mine.transcript[0]!.earnedCredits).toBe(mine.transcript[0]!.attemptedCredits);
    expect(mine.gpa.cumulative.unweighted).toBe(3);

    const [account] = await h.database.query<{ id: string }>(
      `INSERT INTO identity.accounts (tenant_id, email, display_name, roles)
       VALUES ($1, 'grades-parent@example.org', 'A parent', ARRAY['parent']) RETURNING id`,
      [tenant],
    );
    await h.database.query(
      'INSERT INTO identity.account_students (tenant_id, account_id, student_usi, relation) VALUES ($1, $2, $3, $4)',
      [tenant, account!.id, a, 'parent'],
    );
    const parent = h.principal(['parent'], { actorId: account!.id });
    const own = await h.inject(parent, { method: 'GET', url: `/api/v1/students/${a}/grades` });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().grades.length).toBeGreaterThan(0);
    const notOwn = await h.inject(parent, { method: 'GET', url: `/api/v1/students/${roster[1]}/grades` });
    expect(notOwn.statusCode).toBe(403);
  });

  it('the Ed-Fi and OneRoster reads of the same scores agree', async () => {
    const client: Principal = {
      ...h.principal(['api_client']),
      kind: 'client',
      schoolIds: [section.schoolid],
      scopes: ['https://schola.dev/scope/edfi', 'https://purl.imsglobal.org/spec/or/v1p2/scope/gradebook.readonly'],
    };
    const identifiers = new Set(
      (
        await h.database.query<{ i: string }>(
          `SELECT gradebookentryidentifier AS i FROM edfi.gradebookentry WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
          [tenant, Object.values(entry)],
        )
      ).map((r) => r.i),
    );
    const ours: Record<string, unknown>[] = [];
    for (const identifier of identifiers) {
      const edfi = await h.inject(client, {
        method: 'GET',
        url: `/data/v3/ed-fi/studentGradebookEntries?gradebookEntryIdentifier=${encodeURIComponent(identifier)}`,
      });
      expect(edfi.statusCode, edfi.body).toBe(200);
      ours.push(...(edfi.json() as Record<string, unknown>[]));
    }
    const results = await h.inject(client, {
      method: 'GET',
      url: `/ims/oneroster/gradebook/v1p2/classes/${section.id}/results?limit=500`,
    });
    expect(results.statusCode, results.body).toBe(200);
    const byId = new Map((results.json().results as Record<string, unknown>[]).map((r) => [r.sourcedId, r]));
    expect(ours.length).toBe(10);
    for (const r of ours) {
      const or = byId.get(r.id as string)!;
      expect(or, `result ${String(r.id)}`).toBeDefined();
      if (r.numericGradeEarned === undefined) expect(['exempt', 'not submitted']).toContain(or.scoreStatus);
      else expect(Number(or.score)).toBe(Number(r.numericGradeEarned));
    }
    const exempt = [...byId.values()].filter((r) => r.scoreStatus === 'exempt');
    expect(exempt).toHaveLength(1);
    const lineItems = await h.inject(client, {
      method: 'GET',
      url: `/ims/oneroster/gradebook/v1p2/classes/${section.id}/lineItems`,
    });
    const items = lineItems.json().lineItems as { title: string; category: { sourcedId: string } | null }[];
    expect(items.find((i) => i.title === 'Test 1')?.category?.sourcedId).toBe(cat.Tests);
  });
});
