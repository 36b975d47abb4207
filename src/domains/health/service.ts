/**
 * Student health for the school nurse: the immunization compliance list (students short of a
 * required vaccine's doses), today's medications (who, what, when), the allergies, and recording an
 * immunization. Health data is `sensitive_health`: every list is confined to the caller's reach by the
 * policy engine (a nurse's school; a teacher has none and is refused) and every read is audited with
 * the ids of the health rows shown; a recorded immunization is audited as an INSERT.
 *
 * Recording keeps one rule under concurrency: a vaccine's dose is recorded once per student — checks
 * and insert of one student's vaccine are serialised by a transaction-scoped advisory lock.
 */
import { sql, type SQL } from 'drizzle-orm';
import { auditRead } from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { healthErrors } from './errors.js';
import {
  healthListQuery,
  IMMUNIZATION_REQUIREMENTS,
  recordImmunizationInput,
  type AllergiesView,
  type ComplianceView,
  type ImmunizationView,
  type MedicationsTodayView,
} from './schemas.js';
import { allergies, immunizations, medications } from './tables.js';

type Row = Record<string, unknown>;
const HEALTH_CATEGORIES = ['education_record', 'health'];
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const all = (condition: SQL | undefined) => condition ?? sql`TRUE`;
const str = (v: unknown) => (v == null ? null : String(v));

/** The student columns every list shows, from `st` (edfi.student). */
const studentOf = (r: Row) => ({
  studentUsi: Number(r.studentusi),
  studentName: `${String(r.firstname)} ${String(r.lastsurname)}`,
  studentUniqueId: String(r.studentuniqueid),
});

/** Matches the student's name or id (`st`), or everything when no text is given. */
function matching(q: string | undefined): SQL {
  if (!q) return sql`TRUE`;
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`((st.firstname || ' ' || st.lastsurname) ILIKE ${pattern} OR st.studentuniqueid ILIKE ${pattern})`;
}

/** One page of `body` (a full SELECT) in `order`, and how many rows it has in all. */
async function paged(work: Work, body: SQL, order: SQL, limit: number, offset: number) {
  const [counted] = rowsOf<{ n: string | number }>(
    await work.tx.execute(sql`SELECT count(*) AS n FROM (${body}) AS whole`),
  );
  const rows = rowsOf<Row>(
    await work.tx.execute(sql`SELECT * FROM (${body}) AS whole ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`),
  );
  return { rows, page: { limit, offset, total: Number(counted?.n ?? 0) } };
}

/**
 * One page of a health list (`paged`), its read audited (sensitive data: reads are audited) with the ids of the
 * `table` rows shown (`idsOf` each row, each id once).
 */
async function shownPage(
  work: Work,
  table: string,
  idsOf: (row: Row) => readonly number[],
  list: { body: SQL; order: SQL; limit: number; offset: number },
) {
  const shown = await paged(work, list.body, list.order, list.limit, list.offset);
  const ids = [...new Set(shown.rows.flatMap(idsOf))];
  if (ids.length > 0)
    await auditRead(work.tx, {
      principal: work.principal,
      meta: work.meta,
      table,
      recordIds: ids,
      dataCategories: HEALTH_CATEGORIES,
      legitimateEducationalInterest: true,
    });
  return shown;
}

/** Students within reach short of a required vaccine's doses (IMMUNIZATION_REQUIREMENTS), by name. */
export async function immunizationCompliance(work: Work, query: unknown): Promise<ComplianceView> {
  const { q, limit, offset } = parseInput(healthListQuery, query);
  const reach = await work.readScope(immunizations);
  const studentReach = await work.readScope('edfi.student');
  const vaccines = IMMUNIZATION_REQUIREMENTS.map((r) => r.vaccine);
  const doses = IMMUNIZATION_REQUIREMENTS.map((r) => r.doses);
  const body = sql`
    WITH students AS (SELECT * FROM edfi.student WHERE ${all(studentReach)}),
         given AS (SELECT * FROM health.immunizations WHERE ${all(reach)}),
         recorded AS (
           SELECT student_usi, lower(vaccine_type) AS vaccine,
                  count(DISTINCT coalesce(dose_number, -immunization_id))::int AS n,
                  array_agg(immunization_id) AS ids
             FROM given GROUP BY 1, 2),
         required AS (
           SELECT * FROM unnest(${sql.param(vaccines)}::text[], ${sql.param(doses)}::int[]) AS r(vaccine, doses))
    SELECT st.studentusi, st.studentuniqueid, st.firstname, st.lastsurname,
           jsonb_agg(jsonb_build_object('vaccine', r.vaccine, 'recorded', coalesce(d.n, 0), 'required', r.doses)
                     ORDER BY r.vaccine) AS missing,
           (SELECT coalesce(array_agg(i.immunization_id), '{}') FROM given i WHERE i.student_usi = st.studentusi)
             AS immunization_ids
      FROM students st
      CROSS JOIN required r
      LEFT JOIN recorded d ON d.student_usi = st.studentusi AND d.vaccine = lower(r.vaccine)
     WHERE coalesce(d.n, 0) < r.doses AND ${matching(q)}
     GROUP BY st.studentusi, st.studentuniqueid, st.firstname, st.lastsurname`;
  const order = sql`lastsurname, firstname, studentusi`;
  const { rows, page } = await shownPage(
    work,
    'health.immunizations',
    (r) => (Array.isArray(r.immunization_ids) ? (r.immunization_ids as number[]) : []),
    { body, order, limit, offset },
  );
  return {
    data: rows.map((r) => ({
      ...studentOf(r),
      missing: (typeof r.missing === 'string'
        ? JSON.parse(r.missing)
        : r.missing) as ComplianceView['data'][0]['missing'],
    })),
    page,
  };
}

/** Today's doses of the active medications within reach: one row per dose time (HH:MM in the frequency). */
export async function medicationsToday(work: Work, query: unknown): Promise<MedicationsTodayView> {
  const { q, limit, offset } = parseInput(healthListQuery, query);
  const today = isoDay(work.now);
  const reach = await work.readScope(medications);
  const body = sql`
    WITH visible AS (SELECT * FROM health.medications WHERE ${all(reach)})
    SELECT m.medication_id, m.medication_name, m.dosage, m.frequency, m.administration_instructions,
           dose.time, st.studentusi, st.studentuniqueid, st.firstname, st.lastsurname
      FROM visible m
      JOIN edfi.student st ON st.tenant_id = m.tenant_id AND st.studentusi = m.student_usi
      LEFT JOIN LATERAL (
        SELECT (regexp_matches(coalesce(m.frequency, ''), '(?:[01][0-9]|2[0-3]):[0-5][0-9]', 'g'))[1] AS time
      ) dose ON TRUE
     WHERE coalesce(m.is_active, TRUE) AND m.start_date <= ${today}::date
       AND (m.end_date IS NULL OR m.end_date >= ${today}::date) AND ${matching(q)}`;
  const order = sql`time NULLS LAST, lastsurname, firstname, medication_id`;
  const { rows, page } = await shownPage(work, 'health.medications', (r) => [Number(r.medication_id)], {
    body,
    order,
    limit,
    offset,
  });
  return {
    date: today,
    data: rows.map((r) => ({
      ...studentOf(r),
      medicationId: Number(r.medication_id),
      medicationName: String(r.medication_name),
      dosage: str(r.dosage),
      time: str(r.time),
      frequency: str(r.frequency),
      instructions: str(r.administration_instructions),
    })),
    page,
  };
}

/** The active allergies within reach, the severe first. */
export async function allergyList(work: Work, query: unknown): Promise<AllergiesView> {
  const { q, limit, offset } = parseInput(healthListQuery, query);
  const reach = await work.readScope(allergies);
  const body = sql`
    WITH visible AS (SELECT * FROM health.allergies WHERE ${all(reach)})
    SELECT a.allergy_id, a.allergen_name, a.allergy_type, a.severity, a.reaction, a.treatment_plan,
           CASE lower(a.severity) WHEN 'severe' THEN 0 WHEN 'moderate' THEN 1 WHEN 'mild' THEN 2 ELSE 3 END AS rank,
           st.studentusi, st.studentuniqueid, st.firstname, st.lastsurname
      FROM visible a
      JOIN edfi.student st ON st.tenant_id = a.tenant_id AND st.studentusi = a.student_usi
     WHERE coalesce(a.is_active, TRUE) AND ${matching(q)}`;
  const order = sql`rank, lastsurname, firstname, allergy_id`;
  const { rows, page } = await shownPage(work, 'health.allergies', (r) => [Number(r.allergy_id)], {
    body,
    order,
    limit,
    offset,
  });
  return {
    data: rows.map((r) => ({
      ...studentOf(r),
      allergyId: Number(r.allergy_id),
      allergenName: String(r.allergen_name),
      allergyType: str(r.allergy_type),
      severity: str(r.severity),
      reaction: str(r.reaction),
      treatmentPlan: str(r.treatment_plan),
    })),
    page,
  };
}

/** Records a dose given: not in the future, a positive dose number, each vaccine's dose once per student. */
export async function recordImmunization(work: Work, input: unknown): Promise<ImmunizationView> {
  const data = parseInput(recordImmunizationInput, input);
  await work.authorize(immunizations, 'write', { studentUsi: data.studentUsi });
  if (data.dateAdministered > isoDay(work.now))
    throw AppError.validation({ dateAdministered: ['must not be in the future'] });
  const [student] = rowsOf(
    await work.tx.execute(
      sql`SELECT 1 FROM edfi.student WHERE tenant_id = ${work.tenantId} AND studentusi = ${data.studentUsi}`,
    ),
  );
  if (!student) throw new AppError('not_found', `No student ${data.studentUsi}.`);
  // One student's doses of one vaccine one at a time: the duplicate check below is then exact.
  const key = `health:${work.tenantId}:${data.studentUsi}:${data.vaccineType.toLowerCase()}`;
  await work.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  const [already] = rowsOf(
    await work.tx.execute(sql`
      SELECT 1 FROM health.immunizations
       WHERE tenant_id = ${work.tenantId} AND student_usi = ${data.studentUsi}
         AND lower(vaccine_type) = lower(${data.vaccineType}) AND dose_number = ${data.doseNumber}`),
  );
  if (already)
    throw healthErrors.dose_already_recorded(
      `Dose ${data.doseNumber} of ${data.vaccineType} is already recorded for student ${data.studentUsi}.`,
    );
  const [row] = await work.tx
    .insert(immunizations)
    .values({
      tenantId: work.tenantId,
      studentUsi: data.studentUsi,
      vaccineType: data.vaccineType,
      doseNumber: data.doseNumber,
      dateAdministered: data.dateAdministered,
      administeredBy: data.administeredBy ?? null,
      lotNumber: data.lotNumber ?? null,
      isCompliant: true,
      createdAt: work.now,
    })
    .returning();
  const view: ImmunizationView = {
    immunizationId: row!.immunizationId,
    studentUsi: row!.studentUsi,
    vaccineType: row!.vaccineType,
    doseNumber: row!.doseNumber,
    dateAdministered: row!.dateAdministered,
    administeredBy: row!.administeredBy,
    lotNumber: row!.lotNumber,
  };
  await work.audit({ table: immunizations, recordId: view.immunizationId, operation: 'INSERT', newValues: view });
  return view;
}
