/**
 * Recording a discipline incident: its descriptors, students and staff checked to exist, the students enrolled
 * at the school that day, suspension lengths against the school calendar, then everything written at once.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import {
  disciplineAction,
  disciplineIncident,
  studentDisciplineIncidentAssociation,
  studentDisciplineIncidentBehaviorAssociation,
} from '../tables.js';
import { disciplineErrors } from './errors.js';
import { recordIncidentInput, type IncidentView, type RecordIncidentInput } from './schemas.js';
import { authorizeStaff } from './staff-access.js';
import { incidentById } from './incident-reads.js';

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
