/** Reading discipline incidents: one with everything recorded about it, a date range of them, and counts. */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import {} from '../tables.js';
import { rangeQuery, type IncidentView } from './schemas.js';
import { auditReadOf, authorizeStaff } from './staff-access.js';

export async function incidentById(work: Work, schoolId: number, incidentIdentifier: string): Promise<IncidentView> {
  const [incident] = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`SELECT * FROM edfi.disciplineincident
      WHERE tenant_id = ${work.tenantId} AND schoolid = ${schoolId} AND incidentidentifier = ${incidentIdentifier}`),
  );
  if (!incident) throw new AppError('not_found', `No discipline incident ${incidentIdentifier} at school ${schoolId}.`);
  const key = sql`tenant_id = ${work.tenantId} AND schoolid = ${schoolId}
    AND incidentidentifier = ${incidentIdentifier}`;
  const students = rowsOf<{ studentusi: number; role: string }>(
    await work.tx.execute(sql`SELECT a.studentusi, d.codevalue AS role FROM edfi.studentdisciplineincidentassociation a
       JOIN edfi.descriptor d ON d.descriptorid = a.studentparticipationcodedescriptorid
      WHERE ${key} ORDER BY a.studentusi`),
  );
  const behaviors = rowsOf<{ studentusi: number; behavior: string; description: string | null }>(
    await work.tx.execute(sql`SELECT b.studentusi, d.codevalue AS behavior, b.behaviordetaileddescription AS description
       FROM edfi.studentdisciplineincidentbehaviorassociation b
       JOIN edfi.descriptor d ON d.descriptorid = b.behaviordescriptorid
      WHERE ${key} ORDER BY b.studentusi, d.codevalue`),
  );
  const actions = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`SELECT a.disciplineactionidentifier, a.studentusi, d.codevalue AS discipline,
        a.disciplinedate::text AS startdate, a.enddate::text AS enddate, a.disciplineactionlength AS days,
        a.assignedbystaffusi
       FROM edfi.disciplineaction a LEFT JOIN edfi.descriptor d ON d.descriptorid = a.disciplinedescriptorid
      WHERE a.tenant_id = ${work.tenantId} AND a.responsibilityschoolid = ${schoolId}
        AND a.incidentidentifier = ${incidentIdentifier}
      ORDER BY a.studentusi, a.disciplinedate`),
  );
  const cost = incident.incidentcost;
  return {
    incidentIdentifier,
    schoolId,
    incidentDate: String(incident.incidentdate),
    incidentTime: (incident.incidenttime as string | null) ?? null,
    location: (incident.incidentlocation as string | null) ?? null,
    description: (incident.incidentdescription as string | null) ?? null,
    reportedBy: {
      staffUsi: incident.staffusi === null ? null : Number(incident.staffusi),
      name: (incident.reportername as string | null) ?? null,
    },
    reportedToLawEnforcement: incident.reportedtolawenforcement === true,
    caseNumber: (incident.casenumber as string | null) ?? null,
    costCents: cost === null || cost === undefined ? null : Math.round(Number(cost) * 100),
    students: students.map((s) => ({
      studentUsi: Number(s.studentusi),
      role: s.role,
      behaviors: behaviors
        .filter((b) => Number(b.studentusi) === Number(s.studentusi))
        .map((b) => ({ behavior: b.behavior, description: b.description })),
    })),
    actions: actions.map((a) => ({
      disciplineActionIdentifier: String(a.disciplineactionidentifier),
      studentUsi: Number(a.studentusi),
      discipline: (a.discipline as string | null) ?? null,
      startDate: String(a.startdate),
      endDate: (a.enddate as string | null) ?? null,
      days: a.days === null ? null : Number(a.days),
      decidedByStaffUsi: a.assignedbystaffusi === null ? null : Number(a.assignedbystaffusi),
    })),
  };
}

/** One incident with everything recorded about it (an audited read). */
export async function disciplineIncidentOf(
  work: Work,
  schoolId: number,
  incidentIdentifier: string,
): Promise<IncidentView> {
  await authorizeStaff(work, 'read', schoolId);
  const view = await incidentById(work, schoolId, incidentIdentifier);
  await auditReadOf(work, [`${schoolId}:${incidentIdentifier}`]);
  return view;
}

/** The school's incidents in a date range, newest first (an audited read). */
export async function disciplineIncidents(work: Work, schoolId: number, query: unknown) {
  const { from, to } = parseInput(rangeQuery, query);
  await authorizeStaff(work, 'read', schoolId);
  const rows = rowsOf<{
    incidentidentifier: string;
    incidentdate: string;
    students: number;
    behaviors: string[] | string | null;
  }>(
    await work.tx.execute(sql`
      SELECT i.incidentidentifier, i.incidentdate::text AS incidentdate,
             (SELECT count(*)::int FROM edfi.studentdisciplineincidentassociation a
               WHERE a.tenant_id = i.tenant_id AND a.schoolid = i.schoolid
                 AND a.incidentidentifier = i.incidentidentifier) AS students,
             (SELECT coalesce(jsonb_agg(DISTINCT d.codevalue), '[]'::jsonb)
                FROM edfi.studentdisciplineincidentbehaviorassociation b
                JOIN edfi.descriptor d ON d.descriptorid = b.behaviordescriptorid
               WHERE b.tenant_id = i.tenant_id AND b.schoolid = i.schoolid
                 AND b.incidentidentifier = i.incidentidentifier) AS behaviors
        FROM edfi.disciplineincident i
       WHERE i.tenant_id = ${work.tenantId} AND i.schoolid = ${schoolId}
         AND i.incidentdate BETWEEN ${from}::date AND ${to}::date
       ORDER BY i.incidentdate DESC, i.incidentidentifier`),
  );
  const incidents = rows.map((r) => ({
    incidentIdentifier: r.incidentidentifier,
    incidentDate: r.incidentdate,
    students: Number(r.students),
    behaviors: (typeof r.behaviors === 'string' ? JSON.parse(r.behaviors) : (r.behaviors ?? [])) as string[],
  }));
  await auditReadOf(
    work,
    incidents.map((i) => `${schoolId}:${i.incidentIdentifier}`),
  );
  return { schoolId, from, to, incidents };
}

/** Counts per behaviour and per discipline of a school over a date range (aggregates: no record is shown). */
export async function disciplineCounts(work: Work, schoolId: number, query: unknown) {
  const { from, to } = parseInput(rangeQuery, query);
  await authorizeStaff(work, 'read', schoolId);
  const inRange = sql`i.tenant_id = ${work.tenantId} AND i.schoolid = ${schoolId}
    AND i.incidentdate BETWEEN ${from}::date AND ${to}::date`;
  const [total] = rowsOf<{ n: number }>(
    await work.tx.execute(sql`SELECT count(*)::int AS n FROM edfi.disciplineincident i WHERE ${inRange}`),
  );
  const byBehavior = rowsOf<{ behavior: string; incidents: number; students: number }>(
    await work.tx.execute(sql`
      SELECT d.codevalue AS behavior, count(DISTINCT b.incidentidentifier)::int AS incidents,
             count(DISTINCT b.studentusi)::int AS students
        FROM edfi.disciplineincident i
        JOIN edfi.studentdisciplineincidentbehaviorassociation b
          ON b.tenant_id = i.tenant_id AND b.schoolid = i.schoolid AND b.incidentidentifier = i.incidentidentifier
        JOIN edfi.descriptor d ON d.descriptorid = b.behaviordescriptorid
       WHERE ${inRange} GROUP BY d.codevalue ORDER BY 2 DESC, 1`),
  );
  const byDiscipline = rowsOf<{ discipline: string; actions: number; days: number }>(
    await work.tx.execute(sql`
      SELECT coalesce(d.codevalue, 'Unspecified') AS discipline, count(*)::int AS actions,
             coalesce(sum(a.disciplineactionlength), 0)::int AS days
        FROM edfi.disciplineincident i
        JOIN edfi.disciplineaction a ON a.tenant_id = i.tenant_id AND a.responsibilityschoolid = i.schoolid
         AND a.incidentidentifier = i.incidentidentifier
        LEFT JOIN edfi.descriptor d ON d.descriptorid = a.disciplinedescriptorid
       WHERE ${inRange} GROUP BY 1 ORDER BY 2 DESC, 1`),
  );
  return { schoolId, from, to, incidents: Number(total?.n ?? 0), byBehavior, byDiscipline };
}
