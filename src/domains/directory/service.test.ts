/**
 * The directory's reads confined to the caller's reach: a teacher's sections and rosters (another
 * teacher's students stay out of reach), a parent's children, a student's classes, the district overview,
 * and a search that finds only what the caller may see — through the service and over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { overview } from './dashboards.js';
import { search } from './search.js';
import { myChildren, myClasses, mySections, sectionRoster, studentProfile } from './service.js';

let h: DomainHarness;
let teacher: Principal;
let otherSectionId: string;
let outsider: { studentusi: number; firstname: string };

beforeAll(async () => {
  h = await domainHarness();
  const [account] = await h.database.query<{ edfi_staff_usi: number; school_ids: number[] }>(
    `SELECT edfi_staff_usi, school_ids FROM identity.accounts WHERE email = 'teacher@demo-district.schola.dev'`,
  );
  teacher = h.principal(['teacher'], {
    schoolIds: account!.school_ids,
    person: { edfiStaffUSI: account!.edfi_staff_usi },
  });
  const [other] = await h.database.query<{ id: string }>(
    // A section of another school: none of its students is in this teacher's sections.
    `SELECT s.id FROM edfi.section s WHERE s.tenant_id = $1 AND NOT s.schoolid = ANY($2::int[])
      ORDER BY s.sectionidentifier LIMIT 1`,
    [h.demo.districtTenantId, account!.school_ids],
  );
  otherSectionId = other!.id;
  const [student] = await h.database.query<{ studentusi: number; firstname: string }>(
    `SELECT studentusi, firstname FROM edfi.student st WHERE tenant_id = $1 AND NOT EXISTS (
       SELECT 1 FROM edfi.studentsectionassociation a JOIN edfi.staffsectionassociation t ON t.tenant_id = a.tenant_id
          AND t.sectionidentifier = a.sectionidentifier AND t.localcoursecode = a.localcoursecode
        WHERE a.tenant_id = st.tenant_id AND a.studentusi = st.studentusi AND t.staffusi = $2) ORDER BY 1 LIMIT 1`,
    [h.demo.districtTenantId, account!.edfi_staff_usi],
  );
  outsider = student!;
});
afterAll(() => h.dispose());

describe('directory', () => {
  it("lists a teacher's sections and their rosters; another teacher's students stay out of reach", async () => {
    const sections = await h.work(teacher, mySections);
    expect(sections.length).toBeGreaterThan(0);
    expect(sections[0]).toMatchObject({ schoolName: expect.any(String), studentCount: expect.any(Number) });
    const roster = await h.work(teacher, (w) => sectionRoster(w, sections[0]!.id));
    expect(roster.students).toHaveLength(sections[0]!.studentCount);
    expect(roster.students[0]).toMatchObject({ firstName: expect.any(String), gradeLevel: expect.any(String) });
    const profile = await h.work(teacher, (w) => studentProfile(w, roster.students[0]!.studentUsi));
    expect(profile.sections.map((s) => s.id)).toContain(sections[0]!.id);
    // Sections are reference data (anyone may know a section exists); its students are not.
    const other = await h.work(teacher, (w) => sectionRoster(w, otherSectionId));
    expect(other.section.studentCount).toBeGreaterThan(0);
    expect(other.students).toEqual([]);
    await expect(
      h.work(teacher, (w) => sectionRoster(w, '00000000-0000-4000-8000-000000000000')),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(h.work(teacher, (w) => studentProfile(w, outsider.studentusi))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it("gives a parent their child and a student their classes, nobody else's", async () => {
    const [link] = await h.database.query<{ student_usi: number; account_id: string }>(
      `SELECT s.student_usi, s.account_id FROM identity.account_students s JOIN identity.accounts a
          ON a.tenant_id = s.tenant_id AND a.id = s.account_id WHERE a.email = 'parent@demo-district.schola.dev'`,
    );
    const parent = h.principal(['parent'], { actorId: link!.account_id });
    const children = await h.work(parent, myChildren);
    expect(children.map((c) => c.studentUsi)).toEqual([link!.student_usi]);
    expect(children[0]!.schoolName).toEqual(expect.any(String));
    const student = h.principal(['student'], { person: { edfiStudentUSI: link!.student_usi } });
    const classes = await h.work(student, myClasses);
    expect(classes.map((c) => c.id).sort()).toEqual(children[0]!.sections.map((c) => c.id).sort());
    expect(await h.work(h.principal(['teacher']), myClasses)).toEqual([]);
  });

  it('counts the district for its administrator and searches within reach as one types', async () => {
    const admin = h.principal(['district_admin']);
    const view = await h.work(admin, overview);
    expect(view.counts).toEqual({ schools: 2, students: 40, staff: expect.any(Number), sections: 8 });
    expect(view.schools).toHaveLength(2);
    const found = await h.work(admin, (w) => search(w, { q: outsider.firstname.slice(0, 3) }));
    expect(found.students.map((s) => s.studentUsi)).toContain(outsider.studentusi);
    const teacherFound = await h.work(teacher, (w) => search(w, { q: outsider.firstname.slice(0, 3) }));
    expect(teacherFound.students.map((s) => s.studentUsi)).not.toContain(outsider.studentusi);
    await expect(h.work(admin, (w) => search(w, { q: 'a' }))).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('lets an auditor find students (name, id, school) tenant-wide, nothing else, each read audited', async () => {
    const auditor = h.principal(['auditor']);
    const found = await h.work(auditor, (w) => search(w, { q: outsider.firstname.slice(0, 3) }));
    const hit = found.students.find((s) => s.studentUsi === outsider.studentusi);
    expect(hit).toMatchObject({ name: expect.stringContaining(outsider.firstname), schoolName: expect.any(String) });
    expect(found.staff).toEqual([]);
    const [row] = await h.database.query<{ record_id: string; data_categories: string[] }>(
      `SELECT record_id, data_categories FROM compliance.audit_logs WHERE tenant_id = $1 AND user_id = $2
          AND operation = 'SELECT' AND table_name = 'edfi.student' ORDER BY timestamp DESC LIMIT 1`,
      [h.demo.districtTenantId, auditor.actorId],
    );
    expect(row!.record_id.split(',')).toContain(String(outsider.studentusi));
    expect(row!.data_categories).toContain('directory_information');
    // The generic API's read of a student is audited for the auditor too; grades stay out of reach.
    const one = await h.inject(auditor, {
      method: 'GET',
      url: `/api/v1/edfi/student?studentUSI=${outsider.studentusi}`,
    });
    expect(one.statusCode, one.body).toBe(200);
    const [counted] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND user_id = $2
          AND table_name = 'edfi.student'`,
      [h.demo.districtTenantId, auditor.actorId],
    );
    expect(counted!.n).toBe(2);
    expect((await h.inject(auditor, { method: 'GET', url: '/api/v1/edfi/grade' })).statusCode).toBe(403);
    // A teacher's search is not audited (directory reads within their sections are not).
    await h.work(teacher, (w) => search(w, { q: outsider.firstname.slice(0, 3) }));
    const [teacherRows] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND user_id = $2
          AND table_name = 'edfi.student' AND operation = 'SELECT'`,
      [h.demo.districtTenantId, teacher.actorId],
    );
    expect(teacherRows!.n).toBe(0);
  });

  it('answers over HTTP with field-named problems', async () => {
    const ok = await h.inject(teacher, { method: 'GET', url: '/api/v1/directory/my-sections' });
    expect(ok.statusCode).toBe(200);
    const bad = await h.inject(teacher, { method: 'GET', url: '/api/v1/directory/sections/nope/roster' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().validationErrors).toHaveProperty('sectionId');
    const anonymous = await h.inject(undefined, { method: 'GET', url: '/api/v1/directory/overview' });
    expect(anonymous.statusCode).toBe(401);
  });
});
