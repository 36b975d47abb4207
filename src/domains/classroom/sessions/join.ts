/**
 * Joining a live session by its access code (issue 16). Anyone with the code may try; the session
 * decides:
 * - refused when it has ended or is archived (409 session_closed);
 * - under 4 years (by the birth date given) → 403 age_restriction;
 * - under 13, or of unknown age, without verified parental consent on record → 403
 *   parental_consent_required. The consent service (compliance) answers for a roster student, from its
 *   own records of age and consent (consent to the classroom's AI analysis, and to audio recording when
 *   the session records); an anonymous participant has no consent on record, so only one who states a
 *   birth date of 13 or more years ago may join anonymously;
 * - matched to the roster (users.students) by e-mail, else by name among the session school's
 *   students (a unique match only), else an anonymous participant keyed by e-mail or name;
 * - placed in their planned group, else the group with the most free places; a group's maximum size
 *   holds under concurrent joins (a conditional UPDATE of current_size, CHECK current_size <= max_size);
 * - joining twice is the same participant (a per-person advisory lock, and unique indexes behind it).
 * The answer carries a participant token (15 minutes, renewable while the session lives).
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { issueParticipantToken } from '../../../platform/auth/participant-tokens.js';
import type { Database } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { mayRecordAudio, mayRunAiAnalysis } from '../../compliance/index.js';
import { classroomSessions, participants, studentGroupMembers, studentGroups, students } from '../tables.js';
import type { SessionRow } from './access.js';
import { sessionErrors } from './errors.js';
import { CLASSROOM_EVENTS, groupStatusChanged, participantEvent } from './events.js';
import { joinInput, SESSION_RULES, type JoinInput, type JoinView } from './schemas.js';
import type { GroupRow } from './views.js';

/** Completed years between an ISO birth date and `now`. */
export function ageOn(dateOfBirth: string, now: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age--;
  return age;
}

/** A stable uuid for an anonymous participant of one session (same e-mail or name → same participant). */
function anonymousId(sessionId: string, key: string): string {
  const h = createHash('sha256').update(`${sessionId}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The tenant whose open session has this code (join is public: the code names the tenant). Read as the
 * connection owner, outside any tenant. Several tenants with the same open code need `tenant` (slug).
 */
export async function tenantOfAccessCode(database: Database, code: string, tenantSlug?: string): Promise<string> {
  const normalized = code.trim().toUpperCase();
  const rows = await database.query<{ tenant_id: string; open: boolean }>(
    `SELECT s.tenant_id, s.status IN ('created', 'active', 'paused') AS open
       FROM sessions.classroom_sessions s JOIN platform.tenants t ON t.id = s.tenant_id
      WHERE s.access_code = $1 AND ($2::text IS NULL OR t.slug = $2)
      ORDER BY open DESC, s.updated_at DESC`,
    [normalized, tenantSlug ?? null],
  );
  const open = rows.filter((r) => r.open);
  if (open.length > 1)
    throw AppError.validation({ tenant: ['the code is used by several schools: name yours (tenant slug)'] });
  const row = open[0] ?? rows[0];
  if (!row) throw new AppError('not_found', `No classroom session has the access code ${normalized}.`);
  return row.tenant_id;
}

async function rosterMatch(work: Work, session: SessionRow, name: string, email?: string) {
  if (email) {
    const byEmail = await work.tx
      .select({ id: students.id })
      .from(students)
      .where(and(eq(students.tenantId, work.tenantId), sql`lower(${students.email}) = ${email.toLowerCase()}`));
    if (byEmail.length === 1) return { studentId: byEmail[0]!.id, matchedBy: 'email' as const };
  }
  const byName = await work.tx
    .select({ id: students.id })
    .from(students)
    .where(
      and(
        eq(students.tenantId, work.tenantId),
        session.schoolId ? eq(students.schoolId, session.schoolId) : undefined,
        or(ilike(students.name, name), ilike(students.displayName, name)),
      ),
    );
  if (byName.length === 1) return { studentId: byName[0]!.id, matchedBy: 'name' as const };
  return { studentId: undefined, matchedBy: 'anonymous' as const };
}

async function requireParentalConsent(work: Work, session: SessionRow, studentId: string | undefined, why: string) {
  if (!studentId)
    throw sessionErrors.parental_consent_required(
      `${why}: verified parental consent is required, ` +
        'and none can be on record for a participant who is not on the roster.',
    );
  const decisions = [await mayRunAiAnalysis(work.tx, studentId, { now: work.now })];
  if (session.recordingEnabled) decisions.push(await mayRecordAudio(work.tx, studentId, { now: work.now }));
  const refused = decisions.find((d) => !d.allowed);
  if (refused)
    throw sessionErrors.parental_consent_required(
      refused.reason,
      refused.missing ? { missingConsent: refused.missing } : {},
    );
}

/** Takes one place in the group if it has one (the row lock queues concurrent joins). */
async function takePlace(work: Work, groupId: string): Promise<boolean> {
  const taken = await work.tx
    .update(studentGroups)
    .set({ currentSize: sql`coalesce(${studentGroups.currentSize}, 0) + 1`, updatedAt: work.now })
    .where(
      and(
        eq(studentGroups.tenantId, work.tenantId),
        eq(studentGroups.id, groupId),
        sql`coalesce(${studentGroups.currentSize}, 0) < coalesce(${studentGroups.maxSize}, 2147483647)`,
      ),
    )
    .returning({ id: studentGroups.id });
  return taken.length > 0;
}

async function placeInGroup(work: Work, session: SessionRow, studentId: string | undefined): Promise<GroupRow> {
  const groups = await work.tx
    .select()
    .from(studentGroups)
    .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.sessionId, session.id)))
    .orderBy(asc(studentGroups.currentSize), asc(studentGroups.groupNumber));
  if (studentId) {
    const [planned] = await work.tx
      .select({ groupId: studentGroupMembers.groupId })
      .from(studentGroupMembers)
      .where(
        and(
          eq(studentGroupMembers.tenantId, work.tenantId),
          eq(studentGroupMembers.sessionId, session.id),
          eq(studentGroupMembers.studentId, studentId),
        ),
      );
    const group = planned && groups.find((g) => g.id === planned.groupId);
    if (group) {
      if (!(await takePlace(work, group.id)))
        throw sessionErrors.group_full(`${group.name} is full (${group.maxSize} students).`, { groupId: group.id });
      return group;
    }
  }
  for (const group of groups) if (await takePlace(work, group.id)) return group;
  throw sessionErrors.group_full('Every group of this session is full.');
}

export async function joinSession(work: Work, input: JoinInput & { tenant?: string }): Promise<JoinView> {
  const { tenant: _tenant, ...rest } = input;
  const data = parseInput(joinInput, rest);
  // FOR SHARE: joins run side by side, an end (FOR UPDATE) waits for them and they for it.
  const [session] = await work.tx
    .select()
    .from(classroomSessions)
    .where(and(eq(classroomSessions.tenantId, work.tenantId), eq(classroomSessions.accessCode, data.accessCode)))
    .orderBy(sql`${classroomSessions.status} IN ('created', 'active', 'paused') DESC`)
    .limit(1)
    .for('share');
  if (!session) throw new AppError('not_found', `No classroom session has the access code ${data.accessCode}.`);
  if (session.status === 'ended' || session.status === 'archived')
    throw sessionErrors.session_closed(`This session has ${session.status === 'ended' ? 'ended' : 'been archived'}.`);

  const age = data.dateOfBirth ? ageOn(data.dateOfBirth, work.now) : undefined;
  if (age !== undefined && age < 0) throw AppError.validation({ dateOfBirth: ['must not be in the future'] });
  if (age !== undefined && age < SESSION_RULES.minimumAge)
    throw sessionErrors.age_restriction(`Participants must be at least ${SESSION_RULES.minimumAge} years old.`);
  const match = await rosterMatch(work, session, data.displayName, data.email);
  if (age === undefined || age < SESSION_RULES.consentAge) {
    const why = age === undefined ? 'The age is not known, so COPPA applies' : 'The participant is under 13';
    await requireParentalConsent(work, session, match.studentId, why);
  } else if (match.studentId) {
    // The roster's own age record may say otherwise; the consent service decides from it.
    await requireParentalConsent(work, session, match.studentId, 'The roster records the participant as under 13');
  }

  const anonymous = match.studentId
    ? undefined
    : anonymousId(session.id, (data.email ?? data.displayName).trim().toLowerCase());
  // One person's joins one at a time: the second finds the first's participant.
  const joinLockKey = `classroom-join:${session.id}:${match.studentId ?? anonymous}`;
  await work.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${joinLockKey}, 0))`);
  const [existing] = await work.tx
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.tenantId, work.tenantId),
        eq(participants.sessionId, session.id),
        match.studentId ? eq(participants.studentId, match.studentId) : eq(participants.anonymousId, anonymous!),
      ),
    );
  let participant = existing;
  let group: GroupRow | undefined;
  if (participant) {
    if (!participant.isActive) {
      [participant] = await work.tx
        .update(participants)
        .set({ isActive: true, leaveTime: null, updatedAt: work.now })
        .where(and(eq(participants.tenantId, work.tenantId), eq(participants.id, participant.id)))
        .returning();
      participantEvent(work, session.id, participant!.groupId!, CLASSROOM_EVENTS.participantJoined, participant!);
    }
    [group] = await work.tx
      .select()
      .from(studentGroups)
      .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.id, participant!.groupId!)));
  } else {
    group = await placeInGroup(work, session, match.studentId);
    [participant] = await work.tx
      .insert(participants)
      .values({
        tenantId: work.tenantId,
        sessionId: session.id,
        groupId: group.id,
        studentId: match.studentId,
        anonymousId: anonymous,
        displayName: data.displayName,
        joinTime: work.now,
        isActive: true,
        canSpeak: true,
        canHear: true,
        isMuted: false,
        totalSpeakingTimeSeconds: 0,
        messageCount: 0,
        interactionCount: 0,
      })
      .returning();
    if (match.studentId) {
      await work.tx
        .insert(studentGroupMembers)
        .values({
          tenantId: work.tenantId,
          groupId: group.id,
          sessionId: session.id,
          studentId: match.studentId,
          role: 'member',
        })
        .onConflictDoNothing();
    }
    await work.audit({
      table: participants,
      recordId: participant!.id,
      operation: 'INSERT',
      newValues: { sessionId: session.id, groupId: group.id, matchedBy: match.matchedBy },
    });
    participantEvent(work, session.id, group.id, CLASSROOM_EVENTS.participantJoined, participant!);
    if (group.status === 'waiting') {
      await work.tx
        .update(studentGroups)
        .set({ status: 'connected' })
        .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.id, group.id)));
      await groupStatusChanged(work, session, group.id, 'waiting', 'connected');
    }
  }
  const { token, expiresAt } = await issueParticipantToken(
    {
      tenantId: work.tenantId,
      sessionId: session.id,
      groupId: group!.id,
      participantId: participant!.id,
      ...(match.studentId ? { classroomStudentId: match.studentId } : {}),
    },
    work.now,
  );
  return {
    participantId: participant!.id,
    sessionId: session.id,
    groupId: group!.id,
    groupName: group!.name,
    matchedBy: match.matchedBy,
    token,
    tokenExpiresAt: expiresAt.toISOString(),
    sessionStatus: session.status,
  };
}
