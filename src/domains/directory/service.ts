/**
 * The directory's reads. Every list goes through the caller's reach (`work.readScope`) over the table
 * that names the people or sections, applied inside a CTE over that one table (as the generic API
 * confines its lists): a teacher sees the students of their sections, a parent their children, a
 * school administrator their schools, a district administrator the tenant. A student or section out
 * of reach answers 404, exactly like one that does not exist.
 */
import { sql, type SQL } from 'drizzle-orm';
import { auditRead } from '../../platform/audit/audit.js';
import { readsAudited } from '../../platform/auth/classification.js';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import {
  SEARCH_LIMIT,
  searchQuery,
  type FrontDeskView,
  type OverviewView,
  type SearchResult,
  type SectionSummary,
  type StudentProfile,
} from './schemas.js';

type Row = Record<string, unknown>;
const all = (condition: SQL | undefined) => condition ?? sql`TRUE`;
const str = (v: unknown) => (v == null ? null : String(v));

/** Sections (already confined by `where`) with school, course, roster size and teachers. */
async function sectionsWhere(work: Work, where: SQL): Promise<SectionSummary[]> {
  const reach = await work.readScope('edfi.section');
  const result = await work.tx.execute(sql`
    WITH visible AS (SELECT * FROM edfi.section WHERE ${all(reach)})
    SELECT s.id, s.sectionidentifier, s.sectionname, s.schoolid, s.sessionname, co.localcoursetitle,
           eo.nameofinstitution AS school_name,
           (SELECT count(*)::int FROM edfi.studentsectionassociation a
             WHERE a.tenant_id = s.tenant_id AND a.sectionidentifier = s.sectionidentifier
               AND a.localcoursecode = s.localcoursecode AND a.schoolid = s.schoolid AND a.schoolyear = s.schoolyear)
             AS student_count,
           ARRAY(SELECT st.firstname || ' ' || st.lastsurname FROM edfi.staffsectionassociation t
                   JOIN edfi.staff st ON st.tenant_id = t.tenant_id AND st.staffusi = t.staffusi
                  WHERE t.tenant_id = s.tenant_id AND t.sectionidentifier = s.sectionidentifier
                    AND t.localcoursecode = s.localcoursecode AND t.schoolid = s.schoolid
                    AND t.schoolyear = s.schoolyear
                  ORDER BY st.lastsurname, st.firstname) AS teachers
      FROM visible s
      LEFT JOIN edfi.courseoffering co ON co.tenant_id = s.tenant_id AND co.localcoursecode = s.localcoursecode
           AND co.schoolid = s.schoolid AND co.schoolyear = s.schoolyear AND co.sessionname = s.sessionname
      LEFT JOIN edfi.educationorganization eo ON eo.tenant_id = s.tenant_id AND eo.educationorganizationid = s.schoolid
     WHERE ${where}
     ORDER BY eo.nameofinstitution, s.sectionname, s.sectionidentifier`);
  return rowsOf<Row>(result).map((r) => ({
    id: String(r.id),
    sectionIdentifier: String(r.sectionidentifier),
    name: String(r.sectionname ?? r.localcoursetitle ?? r.sectionidentifier),
    courseTitle: str(r.localcoursetitle),
    schoolId: Number(r.schoolid),
    schoolName: String(r.school_name ?? r.schoolid),
    sessionName: String(r.sessionname),
    studentCount: Number(r.student_count),
    teachers: (r.teachers as string[] | null) ?? [],
  }));
}

/** The sections a student is enrolled in. */
const sectionsOfStudent = (usi: number) => sql`EXISTS (SELECT 1 FROM edfi.studentsectionassociation a
  WHERE a.tenant_id = s.tenant_id AND a.studentusi = ${usi} AND a.sectionidentifier = s.sectionidentifier
    AND a.localcoursecode = s.localcoursecode AND a.schoolid = s.schoolid AND a.schoolyear = s.schoolyear)`;

/** The signed-in teacher's sections (their Ed-Fi staff record's section assignments). */
export async function mySections(work: Work): Promise<SectionSummary[]> {
  const staffUsi = work.principal.person?.edfiStaffUSI;
  if (staffUsi === undefined) return [];
  return sectionsWhere(
    work,
    sql`EXISTS (SELECT 1 FROM edfi.staffsectionassociation t WHERE t.tenant_id = s.tenant_id
      AND t.staffusi = ${staffUsi}
      AND t.sectionidentifier = s.sectionidentifier AND t.localcoursecode = s.localcoursecode
      AND t.schoolid = s.schoolid AND t.schoolyear = s.schoolyear)`,
  );
}

/** The signed-in student's classes. */
export async function myClasses(work: Work): Promise<SectionSummary[]> {
  const usi = work.principal.person?.edfiStudentUSI;
  return usi === undefined ? [] : sectionsWhere(work, sectionsOfStudent(usi));
}

/** Students within reach, with their current school and grade (`where` on `st`). */
async function studentsWhere(work: Work, where: SQL, limit = 5000): Promise<Row[]> {
  const reach = await work.readScope('edfi.student');
  const result = await work.tx.execute(sql`
    WITH visible AS (SELECT * FROM edfi.student WHERE ${all(reach)})
    SELECT st.studentusi, st.studentuniqueid, st.firstname, st.lastsurname, st.birthdate::text AS birthdate,
           enr.schoolid, enr.school_name, enr.grade_level
      FROM visible st
      LEFT JOIN LATERAL (
        SELECT ssa.schoolid, eo.nameofinstitution AS school_name, d.codevalue AS grade_level
          FROM edfi.studentschoolassociation ssa
          LEFT JOIN edfi.educationorganization eo ON eo.tenant_id = ssa.tenant_id
            AND eo.educationorganizationid = ssa.schoolid
          LEFT JOIN edfi.descriptor d ON d.descriptorid = ssa.entrygradeleveldescriptorid
         WHERE ssa.tenant_id = st.tenant_id AND ssa.studentusi = st.studentusi
         ORDER BY ssa.exitwithdrawdate IS NULL DESC, ssa.entrydate DESC
         LIMIT 1) enr ON TRUE
     WHERE ${where}
     ORDER BY st.lastsurname, st.firstname, st.studentusi
     LIMIT ${limit}`);
  return rowsOf<Row>(result);
}

/** A section's roster, when the caller may see the section. */
export async function sectionRoster(work: Work, sectionId: string) {
  const [section] = await sectionsWhere(work, sql`s.id = ${sectionId}::uuid`);
  if (!section) throw new AppError('not_found', 'No such section.');
  const rows = await studentsWhere(
    work,
    sql`EXISTS (SELECT 1 FROM edfi.studentsectionassociation a JOIN edfi.section x ON x.tenant_id = a.tenant_id
          AND x.sectionidentifier = a.sectionidentifier AND x.localcoursecode = a.localcoursecode
          AND x.schoolid = a.schoolid AND x.schoolyear = a.schoolyear
        WHERE a.tenant_id = st.tenant_id AND a.studentusi = st.studentusi AND x.id = ${sectionId}::uuid)`,
  );
  return {
    section,
    students: rows.map((r) => ({
      studentUsi: Number(r.studentusi),
      studentUniqueId: String(r.studentuniqueid),
      firstName: String(r.firstname),
      lastSurname: String(r.lastsurname),
      gradeLevel: str(r.grade_level),
    })),
  };
}

async function profiles(work: Work, rows: Row[]): Promise<StudentProfile[]> {
  const out: StudentProfile[] = [];
  for (const r of rows) {
    const usi = Number(r.studentusi);
    out.push({
      studentUsi: usi,
      studentUniqueId: String(r.studentuniqueid),
      firstName: String(r.firstname),
      lastSurname: String(r.lastsurname),
      birthDate: String(r.birthdate),
      gradeLevel: str(r.grade_level),
      schoolId: r.schoolid == null ? null : Number(r.schoolid),
      schoolName: str(r.school_name),
      sections: await sectionsWhere(work, sectionsOfStudent(usi)),
    });
  }
  return out;
}

/** One student's profile (school, grade, sections), when within the caller's reach. */
export async function studentProfile(work: Work, studentUsi: number): Promise<StudentProfile> {
  const [profile] = await profiles(work, await studentsWhere(work, sql`st.studentusi = ${studentUsi}`, 1));
  if (!profile) throw new AppError('not_found', 'No such student.');
  return profile;
}

/** A parent's children: the students their account is linked to (the policy engine's "own children"). */
export async function myChildren(work: Work): Promise<StudentProfile[]> {
  if (!work.principal.roles.includes('parent')) return [];
  return profiles(work, await studentsWhere(work, sql`TRUE`, 20));
}

/** The district (or school) at a glance: counts within reach, per school, and the latest imports and loads. */
export async function overview(work: Work): Promise<OverviewView> {
  const [schoolReach, studentReach, staffReach, sectionReach] = await Promise.all(
    ['edfi.school', 'edfi.student', 'edfi.staff', 'edfi.section'].map((t) => work.readScope(t)),
  );
  const counts = rowsOf<Row>(
    await work.tx.execute(sql`SELECT
      (SELECT count(*)::int FROM edfi.school WHERE ${all(schoolReach)}) AS schools,
      (SELECT count(*)::int FROM edfi.student WHERE ${all(studentReach)}) AS students,
      (SELECT count(*)::int FROM edfi.staff WHERE ${all(staffReach)}) AS staff,
      (SELECT count(*)::int FROM edfi.section WHERE ${all(sectionReach)}) AS sections`),
  )[0]!;
  const schools = rowsOf<Row>(
    await work.tx.execute(sql`
      WITH visible AS (SELECT * FROM edfi.school WHERE ${all(schoolReach)})
      SELECT sc.schoolid, eo.nameofinstitution AS name,
             (SELECT count(DISTINCT ssa.studentusi)::int FROM edfi.studentschoolassociation ssa
               WHERE ssa.tenant_id = sc.tenant_id AND ssa.schoolid = sc.schoolid) AS students,
             (SELECT count(*)::int FROM edfi.section se WHERE se.tenant_id = sc.tenant_id AND se.schoolid = sc.schoolid)
               AS sections
        FROM visible sc
        JOIN edfi.educationorganization eo ON eo.tenant_id = sc.tenant_id AND eo.educationorganizationid = sc.schoolid
       ORDER BY eo.nameofinstitution`),
  );
  // Jobs are the district administrator's (imports and loads); others see none.
  const jobs = work.principal.roles.includes('district_admin')
    ? rowsOf<Row>(
        await work.tx.execute(sql`SELECT id, job_type, status, created_at, completed_at, error_message
          FROM operational.background_jobs ORDER BY created_at DESC LIMIT 5`),
      )
    : [];
  const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
  return {
    counts: {
      schools: Number(counts.schools),
      students: Number(counts.students),
      staff: Number(counts.staff),
      sections: Number(counts.sections),
    },
    schools: schools.map((s) => ({
      schoolId: Number(s.schoolid),
      name: String(s.name),
      students: Number(s.students),
      sections: Number(s.sections),
    })),
    recentJobs: jobs.map((j) => ({
      id: String(j.id),
      jobType: String(j.job_type),
      status: String(j.status),
      createdAt: iso(j.created_at)!,
      completedAt: iso(j.completed_at),
      errorMessage: str(j.error_message),
    })),
  };
}

/** The caller's reach over `table`, or null when they may not read it (that part of a search is left out). */
async function reachOrNone(work: Work, table: string): Promise<SQL | undefined | null> {
  try {
    return await work.readScope(table);
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return null;
    throw error;
  }
}

/**
 * Students, staff and sections whose names contain the words typed, within reach; a kind the caller may
 * not read is left out (an auditor finds students only). Reads the classification audits are audited.
 */
export async function search(work: Work, query: unknown): Promise<SearchResult> {
  const { q } = parseInput(searchQuery, query);
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [studentReach, staffReach] = await Promise.all([
    reachOrNone(work, 'edfi.student'),
    reachOrNone(work, 'edfi.staff'),
  ]);
  const name = (alias: string) => sql.raw(`(${alias}.firstname || ' ' || ${alias}.lastsurname)`);
  const students =
    studentReach === null
      ? []
      : rowsOf<Row>(
          await work.tx.execute(sql`WITH visible AS (SELECT * FROM edfi.student WHERE ${all(studentReach)})
      SELECT studentusi, studentuniqueid, firstname || ' ' || lastsurname AS name,
             (SELECT eo.nameofinstitution FROM edfi.studentschoolassociation ssa
                JOIN edfi.educationorganization eo ON eo.tenant_id = ssa.tenant_id
                 AND eo.educationorganizationid = ssa.schoolid
               WHERE ssa.tenant_id = st.tenant_id AND ssa.studentusi = st.studentusi
               ORDER BY ssa.exitwithdrawdate IS NULL DESC, ssa.entrydate DESC LIMIT 1) AS school_name
        FROM visible st
       WHERE ${name('st')} ILIKE ${pattern} OR st.studentuniqueid ILIKE ${pattern}
       ORDER BY lastsurname, firstname LIMIT ${SEARCH_LIMIT}`),
        );
  if (students.length > 0 && readsAudited('edfi.student', work.principal.roles))
    await auditRead(work.tx, {
      principal: work.principal,
      meta: work.meta,
      table: 'edfi.student',
      recordIds: students.map((r) => Number(r.studentusi)),
      dataCategories: ['directory_information'],
      legitimateEducationalInterest: true,
    });
  const staff =
    staffReach === null
      ? []
      : rowsOf<Row>(
          await work.tx.execute(sql`WITH visible AS (SELECT * FROM edfi.staff WHERE ${all(staffReach)})
      SELECT staffusi, staffuniqueid, firstname || ' ' || lastsurname AS name FROM visible sf
       WHERE ${name('sf')} ILIKE ${pattern} OR sf.staffuniqueid ILIKE ${pattern}
       ORDER BY lastsurname, firstname LIMIT ${SEARCH_LIMIT}`),
        );
  const sections = (
    await sectionsWhere(
      work,
      sql`(s.sectionname ILIKE ${pattern} OR s.sectionidentifier ILIKE ${pattern}
        OR co.localcoursetitle ILIKE ${pattern})`,
    )
  ).slice(0, SEARCH_LIMIT);
  return {
    students: students.map((r) => ({
      studentUsi: Number(r.studentusi),
      name: String(r.name),
      studentUniqueId: String(r.studentuniqueid),
      schoolName: str(r.school_name),
    })),
    staff: staff.map((r) => ({
      staffUsi: Number(r.staffusi),
      name: String(r.name),
      staffUniqueId: String(r.staffuniqueid),
    })),
    sections: sections.map((s) => ({ id: s.id, name: s.name, schoolName: s.schoolName })),
  };
}

/**
 * The language school's front desk: the class sessions nearest today (in the school's time zone),
 * overdue invoices (what is still owed on each, net − paid, in integer cents) and new leads.
 */
export async function frontDesk(work: Work): Promise<FrontDeskView> {
  const [sessionReach, invoiceReach, leadReach] = await Promise.all(
    ['school_ops.sessions', 'finance.invoices', 'crm.leads'].map((t) => work.readScope(t)),
  );
  const org = rowsOf<Row>(
    await work.tx.execute(sql`SELECT name, settings->>'currency' AS currency, settings->>'timezone' AS timezone
      FROM core.organizations ORDER BY created_at LIMIT 1`),
  )[0];
  const timezone = str(org?.timezone) ?? 'UTC';
  const sessions = rowsOf<Row>(
    await work.tx.execute(sql`WITH visible AS (SELECT * FROM school_ops.sessions WHERE ${all(sessionReach)})
      SELECT v.id, v.date::text AS date, v.start_time::text AS start_time, v.end_time::text AS end_time, v.status,
             c.name AS class_name
        FROM visible v JOIN school_ops.classes c ON c.tenant_id = v.tenant_id AND c.id = v.class_id
       ORDER BY abs(v.date - (now() AT TIME ZONE ${timezone})::date), v.date, v.start_time, v.id LIMIT 8`),
  );
  const overdue = rowsOf<Row>(
    await work.tx.execute(sql`WITH visible AS (SELECT * FROM finance.invoices WHERE ${all(invoiceReach)})
      SELECT v.id, v.due_date::text AS due_date,
             (v.net_cents - v.paid_cents)::bigint AS cents,
             coalesce(u.first_name || ' ' || u.last_name, v.payer_id) AS payer_name,
             count(*) OVER ()::int AS total_count,
             sum(v.net_cents - v.paid_cents) OVER ()::bigint AS total_cents
        FROM visible v LEFT JOIN core.users u ON u.tenant_id = v.tenant_id AND u.id = v.payer_id
       WHERE v.status = 'overdue'
       ORDER BY v.due_date, v.id LIMIT 10`),
  );
  const leads = rowsOf<Row>(
    await work.tx.execute(sql`WITH visible AS (SELECT * FROM crm.leads WHERE ${all(leadReach)})
      SELECT id, name, source, interest, created_at FROM visible WHERE status = 'new'
       ORDER BY created_at DESC, id LIMIT 10`),
  );
  return {
    organization: org ? { name: String(org.name ?? ''), currency: str(org.currency) ?? 'USD', timezone } : null,
    // The nearest eight, shown in calendar order.
    nextSessions: sessions
      .sort((a, b) => `${a.date} ${a.start_time}`.localeCompare(`${b.date} ${b.start_time}`))
      .map((s) => ({
        sessionId: String(s.id),
        className: String(s.class_name ?? ''),
        date: String(s.date),
        startTime: str(s.start_time),
        endTime: str(s.end_time),
        status: str(s.status),
      })),
    overdueInvoices: {
      count: Number(overdue[0]?.total_count ?? 0),
      totalCents: Number(overdue[0]?.total_cents ?? 0),
      items: overdue.map((i) => ({
        invoiceId: String(i.id),
        payerName: String(i.payer_name),
        amountCents: Number(i.cents),
        dueDate: str(i.due_date),
      })),
    },
    newLeads: leads.map((l) => ({
      leadId: String(l.id),
      name: String(l.name ?? ''),
      source: str(l.source),
      interest: str(l.interest),
      createdAt: l.created_at == null ? null : new Date(l.created_at as string).toISOString(),
    })),
  };
}
