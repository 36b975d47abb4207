/**
 * The homes' at-a-glance reads: the district's (or school's) overview and the language school's front
 * desk, each counting and listing only what is within the caller's reach.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import type { Work } from '../../platform/service/work.js';
import type { FrontDeskView, OverviewView } from './schemas.js';
import { all, str, type Row } from './sql-values.js';

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
