/**
 * Discipline (Ed-Fi 5.2 discipline tables, seed 004 §5): an incident with the students involved and
 * their roles, their behaviours, the actions decided (suspensions with start, end and school days),
 * who reported it and who decided; counts per school and behaviour over a date range.
 *
 * Sensitive: only DISCIPLINE_STAFF_ROLES of the school read it (and the policy engine's school reach
 * applies); every read of incident records is audited (SELECT rows naming the incidents shown).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { auditRead } from '../../../platform/audit/audit.js';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import {
  disciplineAction,
  disciplineIncident,
  studentDisciplineIncidentAssociation,
  studentDisciplineIncidentBehaviorAssociation,
} from '../tables.js';
import { disciplineErrors } from './errors.js';
import {
  DISCIPLINE_STAFF_ROLES,
  rangeQuery,
  recordIncidentInput,
  type IncidentView,
  type RecordIncidentInput,
} from './schemas.js';

const INCIDENT_TABLE = 'edfi.disciplineincident';

/** Discipline staff of the school only (a teacher, parent or student is refused whatever the policies say). */
async function authorizeStaff(work: Work, action: 'read' | 'write', schoolId: number): Promise<void> {
  if (!work.principal.roles.some((r) => (DISCIPLINE_STAFF_ROLES as readonly string[]).includes(r))) {
    throw new AppError('forbidden', `Discipline records are for ${DISCIPLINE_STAFF_ROLES.join(', ')} only.`);
  }
  await work.authorize(disciplineIncident, action, { schoolId });
}

const auditReadOf = (work: Work, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : auditRead(work.tx, {
        principal: work.principal,
        meta: work.meta,
        table: INCIDENT_TABLE,
        recordIds: ids,
        dataCategories: ['education_record', 'discipline'],
        legitimateEducationalInterest: true,
      }).then(() => undefined);

/** Descriptor code value → id for one type (case-insensitive); unknown codes are named by field path. */
async function descriptorIds(
  work: Work,
  type: string,
  wanted: { path: string; code: string }[],
  problems: Record<string, string[]>,
): Promise<Map<string, number>> {
  const codes = [...new Set(wanted.map((w) => w.code.toLowerCase()))];
  const ids = new Map<string, number>();
  if (codes.length > 0) {
    const rows = rowsOf<{ id: number; code: string }>(
      await work.tx.execute(sql`
        SELECT DISTINCT ON (lower(codevalue)) descriptorid AS id, lower(codevalue) AS code FROM edfi.descriptor
         WHERE descriptortype = ${type} AND lower(codevalue) IN (${sql.join(
           codes.map((c) => sql`${c}`),
           sql`, `,
         )})
         ORDER BY lower(codevalue), (namespace = ${`uri://ed-fi.org/${type}`}) DESC, descriptorid`),
    );
    for (const r of rows) ids.set(r.code, Number(r.id));
  }
  for (const w of wanted) {
    if (!ids.has(w.code.toLowerCase())) (problems[w.path] ??= []).push(`is not a known ${type} code value`);
  }
  return ids;
}

async function existingIds(work: Work, table: 'student' | 'staff', ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const column = table === 'student' ? sql`studentusi` : sql`staffusi`;
  const rows = rowsOf<{ id: number }>(
    await work.tx.execute(sql`SELECT ${column} AS id FROM ${sql.raw(`edfi.${table}`)}
       WHERE tenant_id = ${work.tenantId} AND ${column} IN (${sql.join(
         ids.map((i) => sql`${i}::int`),
         sql`, `,
       )})`),
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** Students enrolled at the school on the day. */
async function enrolledOn(work: Work, schoolId: number, date: string, ids: number[]): Promise<Set<number>> {
  const rows = rowsOf<{ id: number }>(
    await work.tx.execute(sql`SELECT DISTINCT studentusi AS id FROM edfi.studentschoolassociation
       WHERE tenant_id = ${work.tenantId} AND schoolid = ${schoolId} AND entrydate <= ${date}::date
         AND (exitwithdrawdate IS NULL OR exitwithdrawdate >= ${date}::date)
         AND studentusi IN (${sql.join(
           ids.map((i) => sql`${i}::int`),
           sql`, `,
         )})`),
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** Instructional days of the school's calendar from start to end, or null when the calendar has no date there. */
async function schoolDays(work: Work, schoolId: number, start: string, end: string): Promise<number | null> {
  const [row] = rowsOf<{ dates: string | number; instructional: string | number }>(
    await work.tx.execute(sql`
      SELECT count(DISTINCT c.date) AS dates,
             count(DISTINCT e.date) FILTER (WHERE lower(d.codevalue) IN ('instructional day', 'make-up day'))
               AS instructional
        FROM edfi.calendardate c
        LEFT JOIN edfi.calendardatecalendarevent e ON e.tenant_id = c.tenant_id AND e.calendarcode = c.calendarcode
         AND e.date = c.date AND e.schoolid = c.schoolid AND e.schoolyear = c.schoolyear
        LEFT JOIN edfi.descriptor d ON d.descriptorid = e.calendareventdescriptorid
       WHERE c.tenant_id = ${work.tenantId} AND c.schoolid = ${schoolId}
         AND c.date BETWEEN ${start}::date AND ${end}::date`),
  );
  return Number(row?.dates ?? 0) === 0 ? null : Number(row!.instructional);
}

/** Records an incident, the students involved, their behaviours and the actions decided — all or nothing. */
export async function recordIncident(work: Work, schoolId: number, input: RecordIncidentInput): Promise<IncidentView> {
  const data = parseInput(recordIncidentInput, input);
  await authorizeStaff(work, 'write', schoolId);
  const problems: Record<string, string[]> = Object.create(null);
  const roles = await descriptorIds(
    work,
    'StudentParticipationCodeDescriptor',
    data.students.map((s, i) => ({ path: `students.${i}.role`, code: s.role })),
    problems,
  );
  const behaviors = await descriptorIds(
    work,
    'BehaviorDescriptor',
    data.students.flatMap((s, i) =>
      s.behaviors.map((b, j) => ({ path: `students.${i}.behaviors.${j}.behavior`, code: b.behavior })),
    ),
    problems,
  );
  const disciplines = await descriptorIds(
    work,
    'DisciplineDescriptor',
    data.actions.map((a, i) => ({ path: `actions.${i}.discipline`, code: a.discipline })),
    problems,
  );
  const enrolled = await enrolledOn(
    work,
    schoolId,
    data.incidentDate,
    data.students.map((s) => s.studentUsi),
  );
  data.students.forEach((s, i) => {
    if (!enrolled.has(s.studentUsi))
      (problems[`students.${i}.studentUsi`] ??= []).push(
        `is not enrolled at school ${schoolId} on ${data.incidentDate}`,
      );
  });
  const staffIds = [
    ...data.actions.map((a) => a.decidedByStaffUsi),
    ...(data.reportedBy.staffUsi ? [data.reportedBy.staffUsi] : []),
  ];
  const staff = await existingIds(work, 'staff', staffIds);
  if (data.reportedBy.staffUsi !== undefined && !staff.has(data.reportedBy.staffUsi))
    (problems['reportedBy.staffUsi'] ??= []).push('is not a known staff member');
  data.actions.forEach((a, i) => {
    if (!staff.has(a.decidedByStaffUsi))
      (problems[`actions.${i}.decidedByStaffUsi`] ??= []).push('is not a known staff member');
  });
  if (Object.keys(problems).length > 0) {
    throw disciplineErrors.unknown_reference('The incident names records that do not exist or do not apply.', {
      validationErrors: problems,
    });
  }
  for (const [i, a] of data.actions.entries()) {
    if (a.endDate === undefined || a.days === undefined) continue;
    const counted = await schoolDays(work, schoolId, a.startDate, a.endDate);
    if (counted !== null && counted !== a.days) {
      throw disciplineErrors.inconsistent_action(
        `Action ${i}: ${a.startDate} to ${a.endDate} has ${counted} school days in the school calendar, not ${a.days}.`,
        {
          validationErrors: {
            [`actions.${i}.days`]: [`must be ${counted}: the school days from startDate to endDate`],
          },
        },
      );
    }
  }

  const incidentIdentifier = data.incidentIdentifier ?? `INC-${data.incidentDate}-${randomUUID().slice(0, 8)}`;
  const [created] = await work.tx
    .insert(disciplineIncident)
    .values({
      tenantId: work.tenantId,
      incidentIdentifier,
      schoolId,
      incidentDate: data.incidentDate,
      incidentTime: data.incidentTime,
      incidentLocation: data.location,
      incidentDescription: data.description,
      reporterName: data.reportedBy.name,
      staffUSI: data.reportedBy.staffUsi,
      reportedToLawEnforcement: data.reportedToLawEnforcement,
      caseNumber: data.caseNumber,
      incidentCost: data.costCents === undefined ? undefined : data.costCents / 100,
    })
    .onConflictDoNothing()
    .returning({ id: disciplineIncident.incidentIdentifier });
  if (!created)
    throw disciplineErrors.incident_exists(`Incident ${incidentIdentifier} of school ${schoolId} is already recorded.`);
  await work.tx.insert(studentDisciplineIncidentAssociation).values(
    data.students.map((s) => ({
      tenantId: work.tenantId,
      studentUSI: s.studentUsi,
      incidentIdentifier,
      schoolId,
      studentParticipationCodeDescriptorId: roles.get(s.role.toLowerCase())!,
    })),
  );
  const behaviorRows = data.students.flatMap((s) =>
    // One behaviour of a kind per student (the Ed-Fi key); details of repeats are joined.
    [...new Map(s.behaviors.map((b) => [b.behavior.toLowerCase(), b])).values()].map((b) => ({
      tenantId: work.tenantId,
      studentUSI: s.studentUsi,
      incidentIdentifier,
      schoolId,
      behaviorDescriptorId: behaviors.get(b.behavior.toLowerCase())!,
      behaviorDetailedDescription: b.description,
    })),
  );
  if (behaviorRows.length > 0) await work.tx.insert(studentDisciplineIncidentBehaviorAssociation).values(behaviorRows);
  if (data.actions.length > 0) {
    await work.tx.insert(disciplineAction).values(
      data.actions.map((a) => ({
        tenantId: work.tenantId,
        disciplineActionIdentifier: randomUUID(),
        studentUSI: a.studentUsi,
        disciplineDate: a.startDate,
        endDate: a.endDate,
        disciplineActionLength: a.days,
        actualDisciplineActionLength: a.days,
        responsibilitySchoolId: schoolId,
        assignmentSchoolId: schoolId,
        disciplineDescriptorId: disciplines.get(a.discipline.toLowerCase())!,
        assignedByStaffUSI: a.decidedByStaffUsi,
        incidentIdentifier,
      })),
    );
  }
  const view = await incidentById(work, schoolId, incidentIdentifier);
  await work.audit({
    table: disciplineIncident,
    recordId: `${schoolId}:${incidentIdentifier}`,
    operation: 'INSERT',
    newValues: view,
  });
  return view;
}

async function incidentById(work: Work, schoolId: number, incidentIdentifier: string): Promise<IncidentView> {
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
