/**
 * K-12 daily work (issue 17): a one-school district of BENCH_K12_STUDENTS students (2,000) from the demo
 * generator. (1) Every section's attendance for one period, each submit through the attendance service
 * (roster, authorization, replacement, derived school day, audit) — records/s and p99 of a submit —
 * beside inserting the same rows (one multi-row INSERT per section) in the same run. (2) The school's
 * first-quarter grades from its gradebooks through the grades service (students/s), beside reading the
 * same score rows. (3) Report-card PDFs (pages/s: data assembly + pdfkit), beside rendering the same
 * pages from data already in memory.
 */
import { sql } from 'drizzle-orm';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { computeSchoolGrades, takeSectionAttendance } from '../../src/domains/edfi/index.js';
import { drawReportCard, renderPdf } from '../../src/domains/edfi/grades/pdf.js';
import { periodRef, reportCardData, schoolStudents } from '../../src/domains/edfi/grades/report-cards.js';
import { createAccessControl } from '../../src/platform/auth/access.js';
import { openDatabase, rowsOf } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { runWork, systemPrincipal } from '../../src/platform/service/work.js';
import { demoSchoolWeeks } from '../../test/support/calendar.js';
import { latency, throughput, type Benchmark, type Measurement } from '../lib/harness.js';

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;
// A full school week of the demo's school year not yet taken by the demo (it follows today): its Monday for
// Schola's submits, its Tuesday for the baseline's rows.
const [DAY, BASELINE_DAY] = demoSchoolWeeks(1)[0]! as [string, string];

export const benchmark: Benchmark = {
  name: 'k12',
  description: 'K-12: a school’s attendance submitted for one period, first-quarter grades, report-card PDFs',
  settings: ['BENCH_K12_STUDENTS', 'BENCH_K12_CARDS'],
  about:
    'One school of BENCH_K12_STUDENTS students (demo generator; about 30 students per section). Attendance: ' +
    'every section submitted once through the attendance service, one unit of work each, against one ' +
    'multi-row INSERT of the same rows per section. Grades: the whole school through the grades service ' +
    'against reading the same scores. PDFs: report cards assembled and rendered against rendering only.',
  async run({ engine, pgUrl, log, note }) {
    const students = Number(process.env.BENCH_K12_STUDENTS ?? 2000);
    const cards = Number(process.env.BENCH_K12_CARDS ?? 200);
    const database =
      engine === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: pgUrl!, poolMax: 10 });
    const out: Measurement[] = [];
    try {
      await migrate(database);
      log(`seeding ${students} students`);
      const demo = await seedDemo(database, {
        ...DEFAULT_DEMO_SIZE,
        students,
        schools: 1,
        sectionsPerSchool: Math.ceil(students / 30),
        languageSchoolStudents: 4,
        // The bench computes grades itself: the demo's final grades would only lengthen its set-up.
        finalGrades: false,
      });
      const tenantId = demo.districtTenantId;
      const env = { database, access: createAccessControl() };
      const admin = systemPrincipal(tenantId, 'bench');
      const sections = await database.query<{ id: string; n: number; schoolid: number }>(
        `SELECT s.id::text AS id, s.schoolid, count(a.studentusi)::int AS n FROM edfi.section s
           JOIN edfi.studentsectionassociation a
             ON a.tenant_id = s.tenant_id AND a.sectionidentifier = s.sectionidentifier
            AND a.localcoursecode = s.localcoursecode AND a.schoolid = s.schoolid AND a.schoolyear = s.schoolyear
          WHERE s.tenant_id = $1 GROUP BY 1, 2 ORDER BY 1`,
        [tenantId],
      );
      const schoolId = sections[0]!.schoolid;

      // (1) Attendance.
      log(`attendance: ${sections.length} sections`);
      const submits: number[] = [];
      let records = 0;
      const t0 = performance.now();
      for (const s of sections) {
        const t = performance.now();
        const view = await runWork(env, admin, {}, (w) => takeSectionAttendance(w, s.id, DAY, { exceptions: [] }));
        submits.push(performance.now() - t);
        records += view.roster.length;
      }
      const serviceSeconds = (performance.now() - t0) / 1000;
      const inserts: number[] = [];
      const t1 = performance.now();
      for (const s of sections) {
        const t = performance.now();
        await database.query(
          `INSERT INTO edfi.studentsectionattendanceevent (tenant_id, studentusi, sectionidentifier, localcoursecode,
                  schoolid, schoolyear, eventdate, attendanceeventcategorydescriptorid)
           SELECT e.tenant_id, e.studentusi, e.sectionidentifier, e.localcoursecode, e.schoolid, e.schoolyear,
                  $3::date, e.attendanceeventcategorydescriptorid
             FROM edfi.studentsectionattendanceevent e JOIN edfi.section s ON s.tenant_id = e.tenant_id
              AND s.sectionidentifier = e.sectionidentifier AND s.localcoursecode = e.localcoursecode
              AND s.schoolid = e.schoolid AND s.schoolyear = e.schoolyear
            WHERE e.tenant_id = $1 AND s.id = $2::uuid AND e.eventdate = $4::date`,
          [tenantId, s.id, BASELINE_DAY, DAY],
        );
        inserts.push(performance.now() - t);
      }
      const insertSeconds = (performance.now() - t1) / 1000;
      const base = { benchmark: 'k12', engine } as const;
      out.push(
        throughput({
          ...base,
          metric: 'attendance records/s (every section submitted)',
          unit: 'records/s',
          value: records / serviceSeconds,
          baselineName: 'INSERT … SELECT of the same rows, one per section',
          baseline: records / insertSeconds,
        }),
        latency({
          ...base,
          metric: 'p99 of a section submit',
          unit: 'ms',
          value: p99(submits),
          baselineName: 'p99 of the same rows inserted',
          baseline: p99(inserts),
        }),
      );
      note(`${sections.length} sections, ${records} attendance records in one period.`);

      // (2) Period grades.
      log('grades: first quarter, whole school');
      const t2 = performance.now();
      const graded = await runWork(env, admin, {}, (w) => computeSchoolGrades(w, schoolId, 'First Quarter'));
      const gradeSeconds = (performance.now() - t2) / 1000;
      const t3 = performance.now();
      const [scores] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT r.* FROM edfi.studentgradebookentry r JOIN edfi.gradebookentry g
           ON g.tenant_id = r.tenant_id AND g.gradebookentryidentifier = r.gradebookentryidentifier
          AND g.namespace = r.namespace
          WHERE g.tenant_id = $1 AND g.schoolid = $2) x`,
        [tenantId, schoolId],
      );
      const readSeconds = (performance.now() - t3) / 1000;
      out.push(
        throughput({
          ...base,
          metric: 'period grades computed (whole school)',
          unit: 'students/s',
          value: graded.grades / gradeSeconds,
          baselineName: 'reading the same scores (one SELECT)',
          baseline: graded.grades / Math.max(readSeconds, 1e-6),
        }),
      );
      note(`${graded.grades} period grades in ${graded.sections} sections from ${scores?.n ?? 0} scores.`);

      // (3) Report-card PDFs.
      log(`report cards: ${cards}`);
      const t4 = performance.now();
      const data = await runWork(env, admin, {}, async (w) => {
        const period = await periodRef(w, schoolId, 'First Quarter');
        const usis = (await schoolStudents(w, period)).slice(0, cards);
        const all = [];
        for (const usi of usis) all.push(await reportCardData(w, usi, period));
        return all;
      });
      await renderPdf('bench', (doc, page) => {
        for (const card of data) {
          page(false);
          drawReportCard(doc, card);
        }
      });
      const cardSeconds = (performance.now() - t4) / 1000;
      const t5 = performance.now();
      await renderPdf('bench', (doc, page) => {
        for (const card of data) {
          page(false);
          drawReportCard(doc, card);
        }
      });
      const renderSeconds = (performance.now() - t5) / 1000;
      out.push(
        throughput({
          ...base,
          metric: 'report-card PDF pages',
          unit: 'pages/s',
          value: data.length / cardSeconds,
          baselineName: 'rendering the same pages from data in memory',
          baseline: data.length / renderSeconds,
        }),
      );
      const [check] = rowsOf<{ n: number }>(
        await runWork(env, admin, {}, (w) =>
          w.tx.execute(sql`SELECT count(*)::int AS n FROM edfi.grade WHERE tenant_id = ${tenantId}`),
        ),
      );
      log(`grades stored: ${check?.n}`);
    } finally {
      await database.close();
    }
    return out;
  },
};
