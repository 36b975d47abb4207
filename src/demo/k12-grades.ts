/**
 * The demo district's gradebooks (every school's: each demo teacher and student sees grades): every
 * section gets three weighted categories (Homework 20 % with the lowest dropped, Quizzes 30 %, Tests
 * 50 %), a first quarter of assignments (all scored, a few late, missing or exempt) and the second
 * quarter so far, and both quarters' grades with some teacher comments. Written directly (the seed
 * runs as the owner) following the grades service's rules (the same pure functions compute the grades,
 * on the default A–F scale), then projected to OneRoster like every Ed-Fi write. Own random stream.
 */
import { sql } from 'drizzle-orm';
import * as edfi from '../domains/edfi/tables.js';
import {
  computeSchoolGrades,
  GRADING_DEFAULTS,
  HIGH_SCHOOL_GRADE_LEVELS,
  levelFor,
  periodGrade,
  setCourseGpaLevel,
} from '../domains/edfi/index.js';
import { createAccessControl } from '../platform/auth/access.js';
import { rowsOf, type Database } from '../platform/db/database.js';
import { runWork, systemPrincipal } from '../platform/service/work.js';
import type { Tx } from '../platform/db/transaction.js';
import { projectEdfiToOneRoster } from '../standards/edfi-oneroster/projection.js';
import { insertAll, insertRecords } from './bulk.js';
import { ensureDemoDescriptors } from './descriptors.js';
import { HIGH_SCHOOL_COURSES } from './k12.js';
import { transaction } from '../platform/db/transaction.js';
import { Random } from './random.js';
import { timed } from './timed.js';

interface SectionRow {
  sectionidentifier: string;
  localcoursecode: string;
  schoolid: number;
  schoolyear: number;
  students: number[];
  begins: string[];
}
interface PeriodRow {
  code: string;
  id: number;
  schoolid: number;
  b: string;
  e: string;
}

const CATEGORIES = [
  { name: 'Homework', weightPercent: 20, dropLowest: 1 },
  { name: 'Quizzes', weightPercent: 30, dropLowest: 0 },
  { name: 'Tests', weightPercent: 50, dropLowest: 0 },
] as const;
/** Per quarter: [category, title, max points, fraction of the quarter at which it is assigned]. */
const PLAN: [string, string, number, number][] = [
  ['Homework', 'Homework 1', 10, 0.05],
  ['Quizzes', 'Quiz 1', 20, 0.25],
  ['Homework', 'Homework 2', 10, 0.4],
  ['Tests', 'Unit test', 50, 0.55],
  ['Homework', 'Homework 3', 10, 0.7],
  ['Quizzes', 'Quiz 2', 20, 0.85],
];
const PERIODS = ['First Quarter', 'Second Quarter'];
const COMMENTS = [
  'A pleasure to have in class; participates thoughtfully.',
  'Strong effort this quarter. Keep reading every night.',
  'Needs to turn in homework on time; test scores show real understanding.',
  'Great progress since September.',
  'Please review the missing assignments together at home.',
];

/**
 * More of each school's own catalog, not yet taught (no sections): regular courses a school administrator
 * may level. A high school's honors and AP courses, which it does teach, come with the roster (k12.ts).
 */
const OWN_COURSES = {
  high: [{ code: 'WRIT', title: 'Creative Writing' }],
  other: [
    { code: 'WRIT', title: 'Creative Writing' },
    { code: 'KEYB', title: 'Keyboarding' },
  ],
} as const;
const HIGH_SCHOOL_GRADES = sql.join(
  HIGH_SCHOOL_GRADE_LEVELS.map((x) => sql`${x}`),
  sql`, `,
);

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Writes the gradebooks (in the seed's transaction); `today` bounds what is assigned and scored. */
export async function seedK12Gradebooks(tx: Tx, tenantId: string, seed: number, today: string) {
  const rng = new Random(seed + 1709);
  const sections = rowsOf<SectionRow>(
    await tx.execute(sql`
      SELECT s.sectionidentifier, s.localcoursecode, s.schoolid, s.schoolyear,
             array_agg(a.studentusi ORDER BY a.studentusi) AS students,
             array_agg(a.begindate::text ORDER BY a.studentusi) AS begins
        FROM edfi.section s JOIN edfi.studentsectionassociation a ON a.tenant_id = s.tenant_id
         AND a.sectionidentifier = s.sectionidentifier AND a.localcoursecode = s.localcoursecode
         AND a.schoolid = s.schoolid AND a.schoolyear = s.schoolyear
       WHERE s.tenant_id = ${tenantId} GROUP BY 1, 2, 3, 4 ORDER BY 1`),
  );
  const periods = rowsOf<PeriodRow>(
    await tx.execute(sql`
      SELECT d.codevalue AS code, g.gradingperioddescriptorid AS id, g.schoolid,
             g.begindate::text AS b, g.enddate::text AS e
        FROM edfi.gradingperiod g JOIN edfi.descriptor d ON d.descriptorid = g.gradingperioddescriptorid
       WHERE g.tenant_id = ${tenantId}`),
  );
  // Each student has an ability; scores scatter around it.
  const d = await ensureDemoDescriptors(tx);
  const ability = new Map<number, number>();
  const grades: (typeof edfi.grade.$inferInsert)[] = [];
  const categories: (typeof edfi.gradebookCategory.$inferInsert)[] = [];
  const entries: (typeof edfi.gradebookEntry.$inferInsert)[] = [];
  const scores: (typeof edfi.studentGradebookEntry.$inferInsert)[] = [];
  for (const s of sections) {
    const keys = {
      sectionIdentifier: s.sectionidentifier,
      localCourseCode: s.localcoursecode,
      schoolId: s.schoolid,
      schoolYear: s.schoolyear,
    };
    const ids = Object.fromEntries(CATEGORIES.map((c) => [c.name, rng.uuid()]));
    for (const c of CATEGORIES) categories.push({ tenantId, id: ids[c.name]!, ...keys, ...c });
    const rules = CATEGORIES.map((c) => ({ ...c, id: ids[c.name]! }));
    for (const code of PERIODS) {
      const p = periods.find((x) => x.schoolid === s.schoolid && x.code === code);
      if (!p) continue;
      const items = new Map<number, Parameters<typeof periodGrade>[1][number][]>();
      const span = Math.round((Date.parse(p.e) - Date.parse(p.b)) / 86_400_000);
      for (const [category, title, max, at] of PLAN) {
        const assigned = addDays(p.b, Math.round(span * at));
        const due = addDays(assigned, 7);
        if (assigned > today) continue;
        const identifier = `DEMO-${s.sectionidentifier}-${code.split(' ')[0]}-${title.replace(/\s+/g, '')}`.slice(
          0,
          60,
        );
        entries.push({
          tenantId,
          gradebookEntryIdentifier: identifier,
          namespace: GRADING_DEFAULTS.namespace,
          title,
          dateAssigned: assigned,
          dueDate: due,
          ...keys,
          maxPoints: max,
          gradingPeriodDescriptorId: Number(p.id),
          categoryId: ids[category]!,
        });
        if (due > today) continue; // not due yet: no scores
        for (const usi of s.students) {
          if (!ability.has(usi)) ability.set(usi, 0.55 + rng.next() * 0.43);
          const roll = rng.next();
          const exempt = roll < 0.01;
          const missing = !exempt && roll < 0.04;
          const late = !exempt && !missing && roll < 0.09;
          const fraction = Math.min(1, Math.max(0, ability.get(usi)! + (rng.next() - 0.5) * 0.25));
          const points = exempt || missing ? null : Math.round(fraction * max * 2) / 2;
          const list = items.get(usi) ?? [];
          list.push({ entryId: identifier, categoryId: ids[category]!, maxPoints: max, points, exempt, missing });
          items.set(usi, list);
          scores.push({
            tenantId,
            studentUSI: usi,
            gradebookEntryIdentifier: identifier,
            namespace: GRADING_DEFAULTS.namespace,
            dateFulfilled: points === null ? null : new Date(`${due}T15:00:00Z`),
            pointsEarned: points,
            numericGradeEarned: points,
            exempt,
            late,
            missing,
          });
        }
      }
      // The quarter's grades (so far), as the grades service computes them.
      s.students.forEach((usi, i) => {
        const { percent } = periodGrade(rules, items.get(usi) ?? []);
        if (percent === null) return;
        const letter = levelFor(GRADING_DEFAULTS.scale, percent).letter;
        grades.push({
          tenantId,
          studentUSI: usi,
          ...keys,
          gradingPeriodDescriptorId: Number(p.id),
          gradingPeriodSchoolId: s.schoolid,
          gradingPeriodSchoolYear: s.schoolyear,
          beginDate: s.begins[i]!,
          gradeTypeDescriptorId: d.GradeTypeDescriptor['Grading Period'],
          numericGradeEarned: percent,
          letterGradeEarned: letter,
          computedNumericGrade: percent,
          computedLetterGrade: letter,
          diagnosticStatement:
            code === 'First Quarter' && rng.chance(0.35)
              ? letter === 'A'
                ? COMMENTS[rng.int(0, 1)]!
                : COMMENTS[rng.int(2, 4)]!
              : null,
        });
      });
    }
  }
  await timed('insert gradebookCategory', () => insertAll(tx, edfi.gradebookCategory, categories));
  await timed('insert gradebookEntry', () => insertAll(tx, edfi.gradebookEntry, entries));
  // The two large ones (about 10,000 scores and 2,000 grades for 300 students) as JSON records: a third of the time.
  await timed('insert studentGradebookEntry', () => insertRecords(tx, edfi.studentGradebookEntry, scores));
  await timed('insert grade', () => insertRecords(tx, edfi.grade, grades));
  // Statistics first: PGlite runs no autovacuum, and with the seed's tables looking empty its planner joins
  // the scores to their line items, sections and students by nested loops (most of a minute).
  await tx.execute(sql`ANALYZE`);
  // Line items first, then their statistics: planned as if line_items were still empty, the results' joins to them
  // paired every grade with every line item of the tenant (3 s of the step's 3.3 s).
  await timed('project gradebooks', async () => {
    await projectEdfiToOneRoster(tx, tenantId, { only: ['lineItems'], retire: false });
    await tx.execute(sql`ANALYZE oneroster.categories, oneroster.line_items`);
    await projectEdfiToOneRoster(tx, tenantId, { only: ['results'], retire: false });
  });
  return { gradebookEntries: entries.length, gradebookScores: scores.length, periodGrades: grades.length };
}

/**
 * Every school's final grades through the grades service, as its staff would compute them at the end of
 * the term: every section's final grade from all its gradebook entries, and from them the course
 * transcripts (credits, grade points) that the GPA, the class rank and the official transcript read.
 * Before that a high school's honors and AP courses are levelled through the grades service (which
 * refuses them elsewhere), so its students' weighted GPA differs; an elementary school's stays regular.
 */
export async function seedFinalGrades(database: Database, tenantId: string) {
  await runWork({ database, access: createAccessControl() }, systemPrincipal(tenantId, 'demo'), {}, async (w) => {
    const schools = rowsOf<{ schoolid: number; high: boolean }>(
      await w.tx.execute(sql`
        SELECT s.schoolid, EXISTS (SELECT 1 FROM edfi.schoolgradelevel g
                 JOIN edfi.descriptor d ON d.descriptorid = g.gradeleveldescriptorid
                WHERE g.tenant_id = s.tenant_id AND g.schoolid = s.schoolid
                  AND d.codevalue IN (${HIGH_SCHOOL_GRADES})) AS high
          FROM edfi.school s WHERE s.tenant_id = ${tenantId} ORDER BY s.schoolid`),
    );
    await insertAll(
      w.tx,
      edfi.course,
      schools.flatMap((s) =>
        OWN_COURSES[s.high ? 'high' : 'other'].map((c) => ({
          tenantId,
          courseCode: c.code,
          educationOrganizationId: Number(s.schoolid),
          courseTitle: c.title,
        })),
      ),
    );
    await timed('project courses', () => projectEdfiToOneRoster(w.tx, tenantId, { only: ['courses'], retire: false }));
    for (const s of schools.filter((x) => x.high))
      for (const c of Object.values(HIGH_SCHOOL_COURSES))
        await timed('level ' + c.code, () => setCourseGpaLevel(w, Number(s.schoolid), c.code, { level: c.level }));
    for (const s of schools)
      await timed('final ' + s.schoolid, () => computeSchoolGrades(w, Number(s.schoolid), 'final'));
  });
  // The final grades' OneRoster face (the composition root's hook is not registered in the seed), after fresh
  // statistics (as the owner: ANALYZE skips the tables a tenant's role does not own), without which PGlite's
  // planner matched every grade to its line item by nested loops (half a minute).
  await database.exec('ANALYZE');
  await transaction(database, ({ tx }) =>
    timed('project finals', () =>
      projectEdfiToOneRoster(tx, tenantId, {
        only: ['lineItems', 'results'],
        sources: ['gradeLineItems', 'gradeResults'],
        retire: false,
      }),
    ),
  );
}
