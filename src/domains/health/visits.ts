/**
 * The nurse's office visits: a student comes in (reason), is assessed, and leaves — back to class, sent
 * home, a parent called, or emergency services — recorded by the nurse of the student's school (the
 * policy engine: sensitive_health, school scope) and audited; reads are audited with the visits shown.
 *
 * Rules: neither time in the future; out not before in (also a CHECK); a student has at most one open
 * visit — the check and the insert of one student's open visit are serialised by a transaction-scoped
 * advisory lock, and a partial unique index backs it. Closing locks the visit row (FOR UPDATE), so two
 * check-outs of one visit cannot both succeed. A student sent home has their parents told through the
 * notification service (template `health.sent_home`) once the visit is recorded.
 */
import { sql } from 'drizzle-orm';
import { auditRead } from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { notify } from '../../platform/notifications/index.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { healthErrors } from './errors.js';
import {
  checkOutVisitInput,
  recordVisitInput,
  visitListQuery,
  type VisitAction,
  type VisitsView,
  type VisitView,
} from './schemas.js';
import { nurseVisits } from './tables.js';

type Row = Record<string, unknown>;
const SENT_HOME_TEMPLATE = 'health.sent_home';
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
const str = (v: unknown) => (v == null ? null : String(v));

/** A visit with its student's name, from `v` (health.nurse_visits) and `st` (edfi.student). */
const VISIT_COLUMNS = sql`v.visit_id, v.student_usi, v.time_in, v.time_out, v.reason, v.assessment, v.action_taken,
  v.recorded_by, st.studentuniqueid, st.firstname, st.lastsurname`;

function viewOf(r: Row): VisitView {
  return {
    visitId: String(r.visit_id),
    studentUsi: Number(r.student_usi),
    studentName: `${String(r.firstname)} ${String(r.lastsurname)}`,
    studentUniqueId: String(r.studentuniqueid),
    timeIn: iso(r.time_in)!,
    timeOut: iso(r.time_out),
    reason: String(r.reason),
    assessment: str(r.assessment),
    actionTaken: (r.action_taken ?? null) as VisitAction | null,
    recordedBy: str(r.recorded_by),
  };
}

async function visitById(work: Work, visitId: string): Promise<VisitView> {
  const [row] = rowsOf<Row>(
    await work.tx.execute(sql`SELECT ${VISIT_COLUMNS} FROM health.nurse_visits v
      JOIN edfi.student st ON st.tenant_id = v.tenant_id AND st.studentusi = v.student_usi
     WHERE v.tenant_id = ${work.tenantId} AND v.visit_id = ${visitId}::uuid`),
  );
  if (!row) throw new AppError('not_found', `No visit ${visitId}.`);
  return viewOf(row);
}

function notFuture(work: Work, field: string, at: Date): void {
  if (at.getTime() > work.now.getTime()) throw AppError.validation({ [field]: ['must not be in the future'] });
}

/** Tells the student's parents (active parent/guardian accounts) that the nurse sent the student home. */
async function tellParents(work: Work, visit: VisitView): Promise<number> {
  const parents = rowsOf<{ id: string }>(
    await work.tx.execute(sql`SELECT a.id FROM identity.account_students l
      JOIN identity.accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
     WHERE l.tenant_id = ${work.tenantId} AND l.student_usi = ${visit.studentUsi}
       AND l.relation IN ('parent', 'guardian') AND a.status = 'active'`),
  );
  if (parents.length === 0) return 0;
  const [first, ...rest] = visit.studentName.split(' ');
  // The time as the parents read it: the tenant's clock (notification settings), HH:MM.
  const [zone] = rowsOf<{ time_zone: string | null }>(
    await work.tx.execute(sql`SELECT time_zone FROM notifications.settings WHERE tenant_id = ${work.tenantId}`),
  );
  const at = new Date(visit.timeOut ?? visit.timeIn);
  const timeZone = zone?.time_zone ?? 'UTC';
  const time = at.toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' });
  try {
    await notify(work, {
      recipients: parents.map((p) => p.id),
      template: SENT_HOME_TEMPLATE,
      data: {
        student: { firstName: first ?? '', lastSurname: rest.join(' ') },
        reason: visit.reason,
        time,
      },
      urgency: 'high',
    });
  } catch (error) {
    // A tenant without the template still records the visit; the nurse calls the parents.
    if (error instanceof AppError && error.code === 'template_not_found') return 0;
    throw error;
  }
  return parents.length;
}

/** Records a visit: open (the student is in the office now) or, with its time out and action, closed. */
export async function recordVisit(work: Work, input: unknown): Promise<VisitView> {
  const data = parseInput(recordVisitInput, input);
  await work.authorize(nurseVisits, 'write', { studentUsi: data.studentUsi });
  const timeIn = data.timeIn ? new Date(data.timeIn) : work.now;
  const timeOut = data.timeOut ? new Date(data.timeOut) : null;
  notFuture(work, 'timeIn', timeIn);
  if (timeOut) notFuture(work, 'timeOut', timeOut);
  const [exists] = rowsOf(
    await work.tx.execute(
      sql`SELECT 1 FROM edfi.student WHERE tenant_id = ${work.tenantId} AND studentusi = ${data.studentUsi}`,
    ),
  );
  if (!exists) throw new AppError('not_found', `No student ${data.studentUsi}.`);
  if (!timeOut) {
    // One student's open visits one at a time: the check below is then exact.
    const key = `health:visit:${work.tenantId}:${data.studentUsi}`;
    await work.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    const [open] = rowsOf(
      await work.tx.execute(sql`SELECT 1 FROM health.nurse_visits
        WHERE tenant_id = ${work.tenantId} AND student_usi = ${data.studentUsi} AND time_out IS NULL`),
    );
    if (open)
      throw healthErrors.visit_already_open(
        `Student ${data.studentUsi} is already in the nurse's office: check that visit out first.`,
      );
  }
  const [row] = await work.tx
    .insert(nurseVisits)
    .values({
      tenantId: work.tenantId,
      studentUsi: data.studentUsi,
      timeIn,
      timeOut,
      reason: data.reason,
      assessment: data.assessment ?? null,
      actionTaken: data.actionTaken ?? null,
      recordedBy: work.principal.actorId,
      createdAt: work.now,
      updatedAt: work.now,
    })
    .returning({ visitId: nurseVisits.visitId });
  const visit = await visitById(work, row!.visitId);
  await work.audit({ table: nurseVisits, recordId: visit.visitId, operation: 'INSERT', newValues: visit });
  const parentsNotified = visit.actionTaken === 'sent_home' ? await tellParents(work, visit) : 0;
  return { ...visit, parentsNotified };
}

/** Checks a student out: the visit must be open; out not before in, not in the future. */
export async function checkOutVisit(work: Work, visitId: string, input: unknown): Promise<VisitView> {
  const data = parseInput(checkOutVisitInput, input);
  const [locked] = rowsOf<{ student_usi: number; time_in: string; time_out: string | null }>(
    await work.tx.execute(sql`SELECT student_usi, time_in, time_out FROM health.nurse_visits
      WHERE tenant_id = ${work.tenantId} AND visit_id = ${visitId}::uuid FOR UPDATE`),
  );
  if (!locked) throw new AppError('not_found', `No visit ${visitId}.`);
  await work.authorize(nurseVisits, 'write', { studentUsi: Number(locked.student_usi) });
  if (locked.time_out !== null) throw healthErrors.visit_closed(`Visit ${visitId} is already checked out.`);
  const timeOut = data.timeOut ? new Date(data.timeOut) : work.now;
  notFuture(work, 'timeOut', timeOut);
  if (timeOut.getTime() < new Date(locked.time_in).getTime())
    throw AppError.validation({ timeOut: ['must not be before the time in'] });
  const before = await visitById(work, visitId);
  await work.tx.execute(sql`UPDATE health.nurse_visits
       SET time_out = ${timeOut.toISOString()}::timestamptz, action_taken = ${data.actionTaken},
           assessment = coalesce(${data.assessment ?? null}::text, assessment), updated_at = ${work.now.toISOString()}
     WHERE tenant_id = ${work.tenantId} AND visit_id = ${visitId}::uuid`);
  const after = await visitById(work, visitId);
  await work.audit({ table: nurseVisits, recordId: visitId, operation: 'UPDATE', oldValues: before, newValues: after });
  const parentsNotified = after.actionTaken === 'sent_home' ? await tellParents(work, after) : 0;
  return { ...after, parentsNotified };
}

/** The open visits and one page of the period's visits (default: today, UTC), within the caller's reach. */
export async function visitList(work: Work, query: unknown): Promise<VisitsView> {
  const { q, limit, offset, from, to } = parseInput(visitListQuery, query);
  const day = work.now.toISOString().slice(0, 10);
  const start = from ?? `${day}T00:00:00Z`;
  const end = to ?? new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  if (Date.parse(end) <= Date.parse(start)) throw AppError.validation({ to: ['must be after from'] });
  const reach = (await work.readScope(nurseVisits)) ?? sql`TRUE`;
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const matching = pattern
    ? sql`((st.firstname || ' ' || st.lastsurname) ILIKE ${pattern} OR st.studentuniqueid ILIKE ${pattern})`
    : sql`TRUE`;
  const from_ = sql`FROM (SELECT * FROM health.nurse_visits WHERE ${reach}) v
    JOIN edfi.student st ON st.tenant_id = v.tenant_id AND st.studentusi = v.student_usi`;
  const open = rowsOf<Row>(
    await work.tx.execute(sql`SELECT ${VISIT_COLUMNS} ${from_}
      WHERE v.time_out IS NULL AND ${matching} ORDER BY v.time_in, v.visit_id LIMIT 200`),
  );
  const period = sql`v.time_in >= ${start}::timestamptz AND v.time_in < ${end}::timestamptz AND ${matching}`;
  const [counted] = rowsOf<{ n: number | string }>(
    await work.tx.execute(sql`SELECT count(*) AS n ${from_} WHERE ${period}`),
  );
  const rows = rowsOf<Row>(
    await work.tx.execute(sql`SELECT ${VISIT_COLUMNS} ${from_} WHERE ${period}
      ORDER BY v.time_in DESC, v.visit_id LIMIT ${limit} OFFSET ${offset}`),
  );
  const shown = [...new Set([...open, ...rows].map((r) => String(r.visit_id)))];
  if (shown.length > 0)
    await auditRead(work.tx, {
      principal: work.principal,
      meta: work.meta,
      table: 'health.nurse_visits',
      recordIds: shown,
      dataCategories: ['education_record', 'health'],
      legitimateEducationalInterest: true,
    });
  return { open: open.map(viewOf), data: rows.map(viewOf), page: { limit, offset, total: Number(counted?.n ?? 0) } };
}
