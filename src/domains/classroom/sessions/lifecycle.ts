/**
 * A live session's lifecycle (issue 16): created → active ⇄ paused → ended → archived.
 * - create: topic, goal, subject and a group plan (≥ 1 group, each with its leader); transcription and
 *   AI analysis on, recording off, data kept 2,555 days; a fresh 6-character access code;
 * - start from created or paused, only when every group is ready (else 409 groups_not_ready);
 * - pause from active; end from active or paused with a reason, recording the duration; an ended
 *   session never reopens; delete archives (refused while active), nothing is hard-deleted;
 * - settings and groups change only while created or paused (group-plans.ts checks and inserts the groups).
 * Every transition locks the session row (FOR UPDATE), so two concurrent transitions serialise and the
 * second sees the first's result.
 */
import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { classroomSessions, participants, studentGroups, teachers, type SessionStatus } from '../tables.js';
import { loadSession, reachOf, requireControl, teacherOf, type SessionRow } from './access.js';
import { storeSessionSummary } from './analytics.js';
import { sessionErrors } from './errors.js';
import { groupStatusChanged, participantEvent, CLASSROOM_EVENTS, sessionStatusChanged } from './events.js';
import {
  createSessionInput,
  endSessionInput,
  SESSION_RULES,
  updateSessionInput,
  type CreateSessionInput,
} from './schemas.js';
import { groupsOf, sessionView, type GroupRow } from './views.js';
import { checkRoster, insertGroup, requireEditable } from './group-plans.js';

const CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const randomAccessCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(36)]).join('');

/** Transitions refused with the status the session is in. */
function refuse(session: SessionRow, action: string): never {
  const why = session.status === 'ended' || session.status === 'archived' ? ': an ended session never reopens' : '';
  throw sessionErrors.invalid_session_transition(`Cannot ${action} a session that is ${session.status}${why}.`, {
    status: session.status,
  });
}

async function setStatus(work: Work, session: SessionRow, to: SessionStatus, changes = {}): Promise<SessionRow> {
  const [after] = await work.tx
    .update(classroomSessions)
    .set({ status: to, updatedAt: work.now, ...changes })
    .where(and(eq(classroomSessions.tenantId, work.tenantId), eq(classroomSessions.id, session.id)))
    .returning();
  await work.audit({
    table: classroomSessions,
    recordId: session.id,
    operation: 'UPDATE',
    oldValues: { status: session.status },
    newValues: { status: to, ...changes },
  });
  return after!;
}

/** Every group of the session to `to` (status events for those that change). */
async function setGroupsStatus(work: Work, session: SessionRow, groups: GroupRow[], to: string): Promise<void> {
  await work.tx
    .update(studentGroups)
    .set({ status: to, updatedAt: work.now })
    .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.sessionId, session.id)));
  for (const g of groups) await groupStatusChanged(work, session, g.id, g.status, to);
}

export interface CreateOptions {
  /** Access codes to try (tests force a collision); defaults to random ones. */
  nextCode?: () => string;
}

export async function createSession(work: Work, input: CreateSessionInput, options: CreateOptions = {}) {
  const data = parseInput(createSessionInput, input);
  const own = teacherOf(work.principal);
  const teacherId = data.teacherId ?? own;
  if (!teacherId) throw AppError.validation({ teacherId: ['is required (the caller is not a classroom teacher)'] });
  if (own ? teacherId !== own : !work.principal.roles.includes('district_admin'))
    throw new AppError('forbidden', 'A teacher creates their own sessions only.');
  await work.authorize(classroomSessions, 'read');
  const [teacher] = await work.tx
    .select()
    .from(teachers)
    .where(and(eq(teachers.tenantId, work.tenantId), eq(teachers.id, teacherId)));
  if (!teacher) throw AppError.validation({ teacherId: ['is not a classroom teacher of this tenant'] });
  await checkRoster(work, data.groups);

  const nextCode = options.nextCode ?? randomAccessCode;
  const retention = new Date(work.now.getTime() + SESSION_RULES.retentionDays * 86_400_000);
  let session: SessionRow | undefined;
  for (let attempt = 0; !session && attempt < SESSION_RULES.accessCodeAttempts; attempt++) {
    // A code taken by another open session conflicts on the partial unique index: try another.
    [session] = await work.tx
      .insert(classroomSessions)
      .values({
        tenantId: work.tenantId,
        title: data.topic,
        goal: data.goal,
        subject: data.subject,
        description: data.description,
        plannedDurationMinutes: data.plannedDurationMinutes,
        scheduledStart: data.scheduledStart ? new Date(data.scheduledStart) : null,
        status: 'created',
        teacherId,
        schoolId: teacher.schoolId,
        autoGroupEnabled: false,
        recordingEnabled: data.recordingEnabled,
        transcriptionEnabled: data.transcriptionEnabled,
        aiAnalysisEnabled: data.aiAnalysisEnabled,
        ferpaCompliant: true,
        coppaCompliant: true,
        recordingConsentObtained: false,
        dataRetentionDate: retention,
        totalGroups: data.groups.length,
        totalStudents: 0,
        accessCode: nextCode(),
      })
      .onConflictDoNothing()
      .returning();
  }
  if (!session) throw sessionErrors.access_code_exhausted('No free access code was found; try again.');
  for (const [i, plan] of data.groups.entries()) await insertGroup(work, session, plan, i + 1);
  await work.audit({
    table: classroomSessions,
    recordId: session.id,
    operation: 'INSERT',
    newValues: { title: session.title, status: session.status, teacherId, groups: data.groups.length },
  });
  await sessionStatusChanged(work, session, null, 'created', []);
  return {
    id: session.id,
    accessCode: session.accessCode!,
    status: session.status,
    dataRetentionDate: retention.toISOString(),
  };
}

export async function getSession(work: Work, id: string) {
  const session = await loadSession(work, id);
  const reach = await reachOf(work, session);
  const view = sessionView(session, await groupsOf(work, id));
  // A participant sees its session's state, not the code or the other groups.
  if (reach === 'participant')
    return {
      ...view,
      accessCode: null,
      groups: view.groups.filter((g) => g.id === work.principal.participant!.groupId),
    };
  return view;
}

export async function startSession(work: Work, id: string) {
  const session = await loadSession(work, id, { lock: true });
  await requireControl(work, session);
  if (session.status !== 'created' && session.status !== 'paused') refuse(session, 'start');
  const groups = await groupsOf(work, id, { lock: true });
  const notReady = groups.filter((g) => !g.isReady);
  if (notReady.length > 0) {
    throw sessionErrors.groups_not_ready(`${groups.length - notReady.length} of ${groups.length} groups are ready.`, {
      ready: groups.length - notReady.length,
      total: groups.length,
      groupsNotReady: notReady.map((g) => ({ id: g.id, name: g.name, status: g.status })),
    });
  }
  const after = await setStatus(work, session, 'active', { actualStart: session.actualStart ?? work.now });
  await setGroupsStatus(work, session, groups, 'active');
  await sessionStatusChanged(
    work,
    session,
    session.status,
    'active',
    groups.map((g) => g.id),
  );
  return sessionView(after, await groupsOf(work, id));
}

export async function pauseSession(work: Work, id: string) {
  const session = await loadSession(work, id, { lock: true });
  await requireControl(work, session);
  if (session.status !== 'active') refuse(session, 'pause');
  const groups = await groupsOf(work, id, { lock: true });
  const after = await setStatus(work, session, 'paused');
  await setGroupsStatus(work, session, groups, 'paused');
  await sessionStatusChanged(
    work,
    session,
    session.status,
    'paused',
    groups.map((g) => g.id),
  );
  return sessionView(after, await groupsOf(work, id));
}

export async function endSession(work: Work, id: string, input: unknown) {
  const data = parseInput(endSessionInput, input);
  const session = await loadSession(work, id, { lock: true });
  await requireControl(work, session);
  if (session.status !== 'active' && session.status !== 'paused') refuse(session, 'end');
  const groups = await groupsOf(work, id, { lock: true });
  const started = session.actualStart ?? work.now;
  const minutes = Math.max(0, Math.round((work.now.getTime() - started.getTime()) / 60_000));
  // Whoever is still connected leaves now.
  const left = await work.tx
    .update(participants)
    .set({ isActive: false, leaveTime: work.now, updatedAt: work.now })
    .where(
      and(eq(participants.tenantId, work.tenantId), eq(participants.sessionId, id), eq(participants.isActive, true)),
    )
    .returning({ id: participants.id, groupId: participants.groupId, displayName: participants.displayName });
  let after = await setStatus(work, session, 'ended', {
    actualEnd: work.now,
    actualDurationMinutes: minutes,
    endReason: data.endReason,
    ...(data.teacherNotes ? { teacherNotes: data.teacherNotes } : {}),
  });
  await sessionStatusChanged(
    work,
    session,
    session.status,
    'ended',
    groups.map((g) => g.id),
  );
  for (const p of left) if (p.groupId) participantEvent(work, id, p.groupId, CLASSROOM_EVENTS.participantLeft, p);
  after = await storeSessionSummary(work, after);
  return sessionView(after, await groupsOf(work, id));
}

/** DELETE: archives (never removes) a session that is not active; archiving twice changes nothing. */
export async function archiveSession(work: Work, id: string) {
  const session = await loadSession(work, id, { lock: true });
  await requireControl(work, session);
  if (session.status === 'active')
    throw sessionErrors.session_active('An active session cannot be deleted: pause or end it first.');
  if (session.status === 'archived') return sessionView(session, await groupsOf(work, id));
  const after = await setStatus(work, session, 'archived');
  const groups = await groupsOf(work, id);
  await sessionStatusChanged(
    work,
    session,
    session.status,
    'archived',
    groups.map((g) => g.id),
  );
  return sessionView(after, groups);
}

export async function updateSession(work: Work, id: string, input: unknown) {
  const data = parseInput(updateSessionInput, input);
  const session = await loadSession(work, id, { lock: true });
  await requireControl(work, session);
  requireEditable(session);
  const { topic, ...rest } = data;
  const changes = { ...rest, ...(topic !== undefined ? { title: topic } : {}), updatedAt: work.now };
  const [after] = await work.tx
    .update(classroomSessions)
    .set(changes)
    .where(and(eq(classroomSessions.tenantId, work.tenantId), eq(classroomSessions.id, id)))
    .returning();
  await work.audit({ table: classroomSessions, recordId: id, operation: 'UPDATE', oldValues: {}, newValues: data });
  return sessionView(after!, await groupsOf(work, id));
}
