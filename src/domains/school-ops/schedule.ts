/**
 * Weekly schedules and the dated class sessions they generate for a term.
 *
 * Holidays: a session is never generated on a day of the school's holiday list — the organization's
 * settings, `settings.holidays` (ISO dates, or objects with a `date`), plus the extra days a
 * generation run names — nor outside the term's start and end dates.
 *
 * No double booking (booking.ts): a teacher or a room is never in two sessions whose times overlap on
 * the same date; every operation here that adds sessions or weekly slots locks, checks and inserts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { coreUserOf, isOffice, notFound } from './access.js';
import { schoolOpsErrors } from './errors.js';
import {
  createSessionInput,
  generateSessionsInput,
  scheduleInput,
  type CreateSessionInput,
  type GenerateSessionsInput,
  type ScheduleInput,
  type SessionView,
} from './schemas.js';
import { schedules, sessions, terms } from './tables.js';
import {
  addDays,
  assertFree,
  classRow,
  dayOf,
  hhmm,
  lockResources,
  SESSION_SELECT,
  sessionView,
  overlaps,
  weekday,
  type Raw,
  type Slot,
} from './booking.js';

/** Adds a weekly meeting time to a class (refused if it overlaps a slot of the same teacher or room). */
export async function addSchedule(work: Work, classId: string, input: ScheduleInput) {
  const data = parseInput(scheduleInput, input);
  await work.authorize(schedules, 'write');
  const cls = await classRow(work, classId);
  await lockResources(work, cls);
  const rows = rowsOf<Raw>(
    await work.tx.execute(sql`SELECT sc.start_time, sc.end_time, c.id, c.name, c.teacher_id
      FROM school_ops.schedules sc JOIN school_ops.classes c ON c.tenant_id = sc.tenant_id AND c.id = sc.class_id
     WHERE sc.tenant_id = ${work.tenantId} AND sc.day_of_week = ${data.dayOfWeek}
       AND coalesce(c.is_active, true) AND c.term_id IS NOT DISTINCT FROM ${cls.termId}
       AND (c.id = ${cls.id} OR c.teacher_id = ${cls.teacherId ?? ''} OR c.room_id = ${cls.roomId ?? ''})`),
  );
  const clash = rows.find((r) => overlaps({ startTime: hhmm(r.start_time), endTime: hhmm(r.end_time) }, data));
  if (clash) {
    throw schoolOpsErrors.double_booked(
      `Every ${data.dayOfWeek === 0 ? 'Sunday' : `day ${data.dayOfWeek}`} ${data.startTime}–${data.endTime} overlaps ` +
        `"${String(clash.name)}" (${hhmm(clash.start_time)}–${hhmm(clash.end_time)}) ` +
        'of the same class, teacher or room.',
      { conflictWith: String(clash.name) },
    );
  }
  const id = ulid();
  const row = { tenantId: work.tenantId, id, classId, ...data };
  await work.tx.insert(schedules).values(row);
  const view = { id, classId, dayOfWeek: data.dayOfWeek, startTime: data.startTime, endTime: data.endTime };
  await work.audit({ table: schedules, recordId: id, operation: 'INSERT', newValues: view });
  return view;
}

export async function listSchedules(work: Work, classId: string) {
  await work.authorize(schedules, 'read');
  const rows = await work.tx
    .select()
    .from(schedules)
    .where(and(eq(schedules.tenantId, work.tenantId), eq(schedules.classId, classId)));
  return rows
    .map((r) => ({
      id: r.id,
      classId: r.classId,
      dayOfWeek: r.dayOfWeek ?? 0,
      startTime: hhmm(r.startTime),
      endTime: hhmm(r.endTime),
    }))
    .sort((a, b) => a.dayOfWeek - b.dayOfWeek || a.startTime.localeCompare(b.startTime));
}

/** The school's holiday list: organization settings `holidays` (ISO dates or `{ date }` objects). */
async function schoolHolidays(work: Work, organizationId: string): Promise<Set<string>> {
  const [row] = rowsOf<{ holidays: unknown }>(
    await work.tx.execute(sql`SELECT settings -> 'holidays' AS holidays FROM core.organizations
      WHERE tenant_id = ${work.tenantId} AND id = ${organizationId}`),
  );
  const list = Array.isArray(row?.holidays) ? (row.holidays as unknown[]) : [];
  return new Set(
    list
      .map((h) => (typeof h === 'string' ? h : (h as { date?: unknown } | null)?.date))
      .filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)),
  );
}

/**
 * Generates the dated sessions of a class for its term from its weekly schedule: every matching
 * weekday between the term's start and end (narrowed by from/to), holidays skipped. Running it again
 * adds only what is missing. Refused whole (409 `double_booked`) if any session would clash.
 */
export async function generateSessions(work: Work, classId: string, input: GenerateSessionsInput = {}) {
  const data = parseInput(generateSessionsInput, input);
  await work.authorize(sessions, 'write');
  const cls = await classRow(work, classId);
  if (!cls.termId) throw AppError.validation({ classId: ['the class has no term'] });
  const [term] = await work.tx
    .select()
    .from(terms)
    .where(and(eq(terms.tenantId, work.tenantId), eq(terms.id, cls.termId)));
  if (!term?.startDate || !term.endDate) throw AppError.validation({ classId: ["the class's term has no dates"] });
  const from = data.from && data.from > term.startDate ? data.from : term.startDate;
  const to = data.to && data.to < term.endDate ? data.to : term.endDate;
  if (to < from) throw AppError.validation({ to: ['must not be before from (within the term)'] });
  const weekly = await listSchedules(work, classId);
  const holidays = await schoolHolidays(work, cls.organizationId);
  for (const h of data.holidays) holidays.add(h);
  const slots: Slot[] = [];
  const skipped: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const meetings = weekly.filter((w) => w.dayOfWeek === weekday(day));
    if (meetings.length === 0) continue;
    if (holidays.has(day)) {
      skipped.push(day);
      continue;
    }
    for (const m of meetings) slots.push({ date: day, startTime: m.startTime, endTime: m.endTime });
  }
  await lockResources(work, cls);
  await assertFree(work, cls, slots);
  let created = 0;
  for (const slot of slots) {
    const inserted = await work.tx
      .insert(sessions)
      .values({ tenantId: work.tenantId, id: ulid(), classId, ...slot, status: 'scheduled' })
      .onConflictDoNothing()
      .returning({ id: sessions.id });
    created += inserted.length;
  }
  await work.audit({
    table: sessions,
    recordId: classId,
    operation: 'INSERT',
    newValues: { classId, from, to, created, holidaysSkipped: skipped },
  });
  const list = rowsOf<Raw>(
    await work.tx.execute(sql`${SESSION_SELECT} WHERE s.tenant_id = ${work.tenantId} AND s.class_id = ${classId}
      AND s.date BETWEEN ${from} AND ${to} ORDER BY s.date, s.start_time`),
  );
  return { created, existing: slots.length - created, holidaysSkipped: skipped, sessions: list.map(sessionView) };
}

/** One extra dated session (a make-up class), with the same double-booking rule. */
export async function createSession(work: Work, classId: string, input: CreateSessionInput): Promise<SessionView> {
  const data = parseInput(createSessionInput, input);
  await work.authorize(sessions, 'write');
  const cls = await classRow(work, classId);
  await lockResources(work, cls);
  await assertFree(work, cls, [data]);
  const id = ulid();
  const inserted = await work.tx
    .insert(sessions)
    .values({ tenantId: work.tenantId, id, classId, ...data, notes: data.notes ?? null, status: 'scheduled' })
    .onConflictDoNothing()
    .returning({ id: sessions.id });
  if (inserted.length === 0)
    throw new AppError('duplicate_key', `The class already meets on ${data.date} at ${data.startTime}.`);
  const view = await getSession(work, id);
  await work.audit({ table: sessions, recordId: id, operation: 'INSERT', newValues: view });
  return view;
}

export async function getSession(work: Work, sessionId: string): Promise<SessionView> {
  await work.authorize(sessions, 'read');
  const [row] = rowsOf<Raw>(
    await work.tx.execute(sql`${SESSION_SELECT} WHERE s.tenant_id = ${work.tenantId} AND s.id = ${sessionId}`),
  );
  if (!row) throw notFound('class session', sessionId);
  return sessionView(row);
}

/** Today, or — when today is outside the current term — the nearest day of that term. */
export async function defaultWeek(work: Work): Promise<string> {
  const today = work.now.toISOString().slice(0, 10);
  const [term] = rowsOf<{ start_date: unknown; end_date: unknown }>(
    await work.tx.execute(sql`SELECT start_date, end_date FROM school_ops.terms
      WHERE tenant_id = ${work.tenantId} AND is_current ORDER BY start_date DESC LIMIT 1`),
  );
  if (!term?.start_date || !term.end_date) return today;
  const [start, end] = [dayOf(term.start_date), dayOf(term.end_date)];
  return today < start ? start : today > end ? start : today;
}

/**
 * The week (Monday–Sunday) holding `weekOf` (default: today, within the current term): every session,
 * or a teacher's own.
 */
export async function weekSessions(
  work: Work,
  weekOf?: string,
): Promise<{ from: string; to: string; sessions: SessionView[] }> {
  await work.authorize(sessions, 'read');
  const day = weekOf ?? (await defaultWeek(work));
  const from = addDays(day, -((weekday(day) + 6) % 7));
  const to = addDays(from, 6);
  const me = coreUserOf(work);
  const onlyMine = !isOffice(work);
  if (onlyMine && !me) return { from, to, sessions: [] };
  const rows = rowsOf<Raw>(
    await work.tx.execute(sql`${SESSION_SELECT} WHERE s.tenant_id = ${work.tenantId}
      AND s.date BETWEEN ${from} AND ${to} ${onlyMine ? sql`AND c.teacher_id = ${me}` : sql``}
      ORDER BY s.date, s.start_time, c.name`),
  );
  return { from, to, sessions: rows.map(sessionView) };
}
