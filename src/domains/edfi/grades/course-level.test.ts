/**
 * A course's GPA level through PUT …/courses/:courseCode/gpa-level on the demo district: who may set it
 * (a district course: the district administrator; a school's own course: its school administrator; never a
 * teacher), the school's course list with what the caller may change, 400 naming the field, 404 for a course
 * the school neither owns nor offers, the audit row, and the weighted GPA of a high-school student with a
 * regular (district), an honors and an AP course (the high school's own) against a hand computation (the
 * unweighted GPA unchanged by the levels); a weighted level refused (422 naming `level`) on a course offered at
 * a school without grades 9–12; concurrent changes serialised by the row lock. The other half of the rule: an
 * Ed-Fi course offering of an honors or AP course at a school without grades 9–12 is refused (400 naming
 * schoolid, by a trigger no write path can miss), also when it races the level change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { COURSE_GPA_LEVELS } from '../tables.js';
import { courseGpaLevels, setCourseGpaLevel } from './course-level.js';
import { studentGrades } from './gpa.js';
import { computeGrades } from './grades.js';
import { overrideGrade } from './grade-edits.js';
import { GRADE_LEVELS } from './schemas.js';

let h: DomainHarness;
let tenant: string;
let admin: Principal;
interface Course {
  sectionid: string;
  coursecode: string;
  schoolid: number;
  edorg: number;
}
/** A high-school student's sections: a district course (regular), the school's honors and AP courses. */
let courses: Course[];
let elementarySchool: number;
let studentUsi: number;

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const levelUrl = (schoolId: number, courseCode: string) =>
  `/api/v1/schools/${schoolId}/courses/${encodeURIComponent(courseCode)}/gpa-level`;

beforeAll(async () => {
  h = await domainHarness({ schools: 3 }); // the third demo school is a high school
  tenant = h.demo.districtTenantId;
  admin = h.principal(['district_admin']);
  const [high, elementary] = await Promise.all(
    ['Ninth grade', 'Kindergarten'].map(async (grade) => {
      const [row] = await h.database.query<{ schoolid: number }>(
        `SELECT g.schoolid FROM edfi.schoolgradelevel g
           JOIN edfi.descriptor d ON d.descriptorid = g.gradeleveldescriptorid
          WHERE g.tenant_id = $1 AND d.codevalue = $2 ORDER BY 1 LIMIT 1`,
        [tenant, grade],
      );
      return row!.schoolid;
    }),
  );
  elementarySchool = elementary!;
  const rows = await h.database.query<Course & { studentusi: number }>(
    `SELECT s.id AS sectionid, o.coursecode, s.schoolid, o.educationorganizationid AS edorg, a.studentusi
       FROM edfi.studentsectionassociation a
       JOIN edfi.section s ON s.tenant_id = a.tenant_id AND s.sectionidentifier = a.sectionidentifier
        AND s.localcoursecode = a.localcoursecode AND s.schoolid = a.schoolid AND s.schoolyear = a.schoolyear
       JOIN edfi.courseoffering o ON o.tenant_id = s.tenant_id AND o.localcoursecode = s.localcoursecode
        AND o.schoolid = s.schoolid AND o.schoolyear = s.schoolyear AND o.sessionname = s.sessionname
      WHERE a.tenant_id = $1 AND s.schoolid = $2
        AND a.studentusi = (SELECT min(x.studentusi) FROM edfi.studentsectionassociation x
                             WHERE x.tenant_id = $1 AND x.schoolid = $2 AND x.localcoursecode LIKE 'APBIO-%'
                               AND EXISTS (SELECT 1 FROM edfi.studentsectionassociation y WHERE y.tenant_id = $1
                                   AND y.studentusi = x.studentusi AND y.localcoursecode LIKE 'HGEO-%')
                               AND EXISTS (SELECT 1 FROM edfi.studentsectionassociation y WHERE y.tenant_id = $1
                                   AND y.studentusi = x.studentusi AND y.localcoursecode LIKE 'ELA-%'))
      ORDER BY s.sectionidentifier`,
    [tenant, high],
  );
  studentUsi = rows[0]!.studentusi;
  courses = ['ELA', 'HGEO', 'APBIO'].map((code) => rows.find((r) => r.coursecode === code)!);
  expect(courses.every(Boolean), 'a high-school student taking ELA, Honors Geometry and AP Biology').toBe(true);
});
afterAll(() => h.dispose());

describe('setting a course GPA level', () => {
  it('declares the same levels as the table CHECK', () => {
    expect([...GRADE_LEVELS]).toEqual([...COURSE_GPA_LEVELS]);
  });

  it('answers 400 naming the field, 404 for a course the school does not offer', async () => {
    const c = courses[0]!;
    const bad = await h.inject(admin, {
      method: 'PUT',
      url: levelUrl(c.schoolid, c.coursecode),
      ...json({ level: 'x' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().validationErrors).toHaveProperty('level');
    const missing = await h.inject(admin, { method: 'PUT', url: levelUrl(c.schoolid, c.coursecode), ...json({}) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().validationErrors).toHaveProperty('level');
    const unknown = await h.inject(admin, {
      method: 'PUT',
      url: levelUrl(c.schoolid, 'NO-SUCH-COURSE'),
      ...json({ level: 'ap' }),
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets only the district change a district course; a school administrator sets their school’s own', async () => {
    const c = courses[0]!;
    const schoolAdmin = h.principal(['school_admin'], { schoolIds: [c.schoolid] });
    const teacher = h.principal(['teacher'], { schoolIds: [c.schoolid] });
    const url = levelUrl(c.schoolid, c.coursecode);
    expect((await h.inject(teacher, { method: 'PUT', url, ...json({ level: 'ap' }) })).statusCode).toBe(403);
    expect(c.edorg).not.toBe(c.schoolid); // the demo's courses are the district's catalog
    const refused = await h.inject(schoolAdmin, { method: 'PUT', url, ...json({ level: 'ap' }) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/only a district administrator/);

    // A course of the school's own catalog.
    await h.database.query(
      `INSERT INTO edfi.course (tenant_id, coursecode, educationorganizationid, coursetitle) VALUES ($1, $2, $3, $4)`,
      [tenant, 'LOCAL-ELECTIVE', c.schoolid, 'Local elective'],
    );
    const own = await h.inject(schoolAdmin, {
      method: 'PUT',
      url: levelUrl(c.schoolid, 'LOCAL-ELECTIVE'),
      ...json({ level: 'honors' }),
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({
      educationOrganizationId: c.schoolid,
      level: 'honors',
      previousLevel: 'regular',
    });
    // The list the courses page shows: the school's own course changeable by its administrator, the
    // district's not (the district administrator may change both).
    const listed = await h.work(schoolAdmin, (w) => courseGpaLevels(w, c.schoolid));
    const byCode = new Map(listed.courses.map((x) => [x.courseCode, x]));
    expect(byCode.get('LOCAL-ELECTIVE')).toMatchObject({ schoolCatalog: true, level: 'honors', mayChange: true });
    expect(byCode.get(c.coursecode)).toMatchObject({ schoolCatalog: false, mayChange: false });
    expect(byCode.get(c.coursecode)!.sections).toBeGreaterThan(0);
    const district = await h.work(admin, (w) => courseGpaLevels(w, c.schoolid));
    expect(district.courses.every((x) => x.mayChange)).toBe(true);
    const otherSchool = h.principal(['school_admin'], { schoolIds: [c.schoolid + 1] });
    const foreign = await h.inject(otherSchool, {
      method: 'PUT',
      url: levelUrl(c.schoolid, 'LOCAL-ELECTIVE'),
      ...json({ level: 'ap' }),
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('refuses honors or AP (422 naming level) on a course offered at a school without grades 9–12', async () => {
    // The district's ELA is taught from kindergarten on: even through the high school, it stays regular.
    const ela = courses[0]!;
    for (const level of ['honors', 'ap']) {
      const refused = await h.inject(admin, {
        method: 'PUT',
        url: levelUrl(ela.schoolid, ela.coursecode),
        ...json({ level }),
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'weighted_level_needs_high_school' });
      expect(refused.json().validationErrors).toHaveProperty('level');
      expect(refused.json().detail).toContain(String(elementarySchool));
    }
    // An elementary school's own course, offered nowhere: refused through its school too; regular is fine.
    await h.database.query(
      `INSERT INTO edfi.course (tenant_id, coursecode, educationorganizationid, coursetitle) VALUES ($1, $2, $3, $4)`,
      [tenant, 'ELEM-ART', elementarySchool, 'Elementary art'],
    );
    const url = levelUrl(elementarySchool, 'ELEM-ART');
    expect((await h.inject(admin, { method: 'PUT', url, ...json({ level: 'ap' }) })).statusCode).toBe(422);
    const regular = await h.inject(admin, { method: 'PUT', url, ...json({ level: 'regular' }) });
    expect(regular.statusCode, regular.body).toBe(200);
    const [row] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM edfi.course WHERE tenant_id = $1 AND gpalevel <> 'regular'
         AND coursecode IN ($2, 'ELEM-ART')`,
      [tenant, ela.coursecode],
    );
    expect(row!.n).toBe(0); // nothing was levelled by the refusals
    // The courses page is told which schools may offer weighted levels.
    expect((await h.work(admin, (w) => courseGpaLevels(w, elementarySchool))).highSchool).toBe(false);
    expect((await h.work(admin, (w) => courseGpaLevels(w, ela.schoolid))).highSchool).toBe(true);
  });

  it('weighted GPA counts the honors and AP add-ons; the unweighted GPA does not change', async () => {
    const [regular, honors, ap] = courses as [Course, Course, Course];
    for (const [c, level] of [
      [honors, 'honors'],
      [ap, 'ap'],
    ] as const) {
      const res = await h.inject(admin, { method: 'PUT', url: levelUrl(c.schoolid, c.coursecode), ...json({ level }) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ courseCode: c.coursecode, level, previousLevel: 'regular' });
    }
    const audit = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'edfi.course'
         AND new_values->>'gpaLevel' IN ('honors', 'ap') AND old_values->>'gpaLevel' = 'regular'`,
      [tenant],
    );
    expect(audit[0]!.n).toBeGreaterThanOrEqual(2);

    // Final grades A (regular), B (honors), C (AP): one credit each (the demo's sections).
    const letters = new Map([
      [regular.coursecode, 'A'],
      [honors.coursecode, 'B'],
      [ap.coursecode, 'C'],
    ]);
    for (const c of courses) {
      await h.work(admin, (w) => computeGrades(w, c.sectionid, 'final'));
      await h.work(admin, (w) =>
        overrideGrade(w, c.sectionid, 'final', studentUsi, { letter: letters.get(c.coursecode)!, reason: 'GPA test' }),
      );
    }
    const grades = await h.work(admin, (w) => studentGrades(w, studentUsi));
    const ours = grades.transcript.filter((t) => letters.has(t.courseCode));
    expect(ours.map((t) => [t.courseCode, t.letter, t.level, t.attemptedCredits])).toEqual(
      [
        [regular.coursecode, 'A', 'regular', 1],
        [honors.coursecode, 'B', 'honors', 1],
        [ap.coursecode, 'C', 'ap', 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // By hand, on the default policy (honors +0.5, AP +1):
    // unweighted (4 + 3 + 2) / 3 = 3; weighted (4 + 3.5 + 3) / 3 = 3.5.
    expect(grades.gpa.cumulative).toEqual({ unweighted: 3, weighted: 3.5, credits: 3 });

    // Back to regular: recomputing restamps the transcript; weighted equals unweighted again.
    for (const c of [honors, ap]) {
      const res = await h.inject(admin, {
        method: 'PUT',
        url: levelUrl(c.schoolid, c.coursecode),
        ...json({ level: 'regular' }),
      });
      expect(res.statusCode).toBe(200);
      await h.work(admin, (w) => computeGrades(w, c.sectionid, 'final'));
    }
    const after = await h.work(admin, (w) => studentGrades(w, studentUsi));
    expect(after.gpa.cumulative).toEqual({ unweighted: 3, weighted: 3, credits: 3 });
  });

  it('serialises concurrent changes of one course: each sees the level the other left', async () => {
    const c = courses[1]!; // the high school's own course
    const [a, b] = await Promise.all(
      (['honors', 'ap'] as const).map((level) =>
        h.work(admin, (w) => setCourseGpaLevel(w, c.schoolid, c.coursecode, { level })),
      ),
    );
    const [first, second] = a!.previousLevel === 'regular' ? [a!, b!] : [b!, a!];
    expect(first.previousLevel).toBe('regular');
    expect(second.previousLevel).toBe(first.level);
    const [row] = await h.database.query<{ gpalevel: string }>(
      'SELECT gpalevel FROM edfi.course WHERE tenant_id = $1 AND coursecode = $2 AND educationorganizationid = $3',
      [tenant, c.coursecode, c.edorg],
    );
    expect(row!.gpalevel).toBe(second.level);
  });

  describe('Ed-Fi course offerings of weighted courses', () => {
    const client = () =>
      h.principal(['api_client'], { kind: 'client', scopes: ['https://schola.dev/scope/edfi'], actorId: 'sis' });
    const offerAtElementary = async (courseCode: string, edorg: number, localCourseCode: string) => {
      const [session] = await h.database.query<{ schoolyear: number; sessionname: string }>(
        'SELECT schoolyear, sessionname FROM edfi.session WHERE tenant_id = $1 AND schoolid = $2 ORDER BY 2 LIMIT 1',
        [tenant, elementarySchool],
      );
      const school = { schoolId: elementarySchool };
      return h.inject(client(), {
        method: 'POST',
        url: '/data/v3/ed-fi/courseOfferings',
        ...json({
          localCourseCode,
          schoolReference: school,
          sessionReference: { ...school, schoolYear: session!.schoolyear, sessionName: session!.sessionname },
          courseReference: { courseCode, educationOrganizationId: edorg },
        }),
      });
    };
    const offered = async (localCourseCode: string) =>
      (
        await h.database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM edfi.courseoffering WHERE tenant_id = $1 AND localcoursecode = $2',
          [tenant, localCourseCode],
        )
      )[0]!.n;

    it('refuses an honors or AP course at a school without grades 9–12, naming the field; a regular one is offered', async () => {
      for (const [c, level] of [
        [courses[1]!, 'honors'],
        [courses[2]!, 'ap'],
      ] as const) {
        await h.work(admin, (w) => setCourseGpaLevel(w, c.schoolid, c.coursecode, { level }));
        const refused = await offerAtElementary(c.coursecode, c.edorg, `${c.coursecode}-ELEM`);
        expect(refused.statusCode, refused.body).toBe(400);
        expect(refused.body).toContain('schoolid');
        expect(refused.body).toContain('serves no grade from 9 to 12');
        expect(await offered(`${c.coursecode}-ELEM`)).toBe(0);
      }
      const ela = courses[0]!;
      const regular = await offerAtElementary(ela.coursecode, ela.edorg, 'ELA-ELEM');
      expect(regular.statusCode, regular.body).toBe(201);
    });

    it('a level change racing a new offering at an elementary school: never both', async () => {
      const high = courses[1]!.schoolid;
      for (let i = 0; i < 4; i++) {
        const code = `RACE-${i}`;
        await h.database.query(
          `INSERT INTO edfi.course (tenant_id, coursecode, educationorganizationid, coursetitle)
           VALUES ($1, $2, $3, $4)`,
          [tenant, code, high, `Race ${i}`],
        );
        const [level, offering] = await Promise.all([
          h.inject(admin, { method: 'PUT', url: levelUrl(high, code), ...json({ level: 'ap' }) }),
          offerAtElementary(code, high, `${code}-ELEM`),
        ]);
        const outcome = [level.statusCode, offering.statusCode];
        expect([JSON.stringify([200, 400]), JSON.stringify([422, 201])], `${level.body} ${offering.body}`).toContain(
          JSON.stringify(outcome),
        );
        const [row] = await h.database.query<{ gpalevel: string }>(
          'SELECT gpalevel FROM edfi.course WHERE tenant_id = $1 AND coursecode = $2',
          [tenant, code],
        );
        expect(row!.gpalevel === 'ap' && (await offered(`${code}-ELEM`)) > 0).toBe(false);
      }
    });
  });
});
