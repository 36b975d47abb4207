/**
 * Groups during a session (issue 16): the leader (or the teacher) marks the group ready — once is
 * enough, again changes nothing; a member or the teacher reports an issue or that the group is
 * connected again; the teacher moves a participant to another group while the session has not ended
 * (the target's maximum size holds: a conditional UPDATE takes the place); a participant leaves; a
 * participant token is renewed while the session lives. A participant acts in its own group only: its
 * group is read from the database (a move takes effect at once, whatever the token says).
 */
import { and, eq, sql } from 'drizzle-orm';
import { issueParticipantToken } from '../../../platform/auth/participant-tokens.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { participants, studentGroupMembers, studentGroups } from '../tables.js';
import { loadSession, reachOf, requireControl, type SessionRow } from './access.js';
import { sessionErrors } from './errors.js';
import { CLASSROOM_EVENTS, groupChannel, groupStatusChanged, participantEvent, sessionChannel } from './events.js';
import { groupStatusInput, moveStudentInput } from './schemas.js';
import { groupView, type GroupRow } from './views.js';

type ParticipantRow = typeof participants.$inferSelect;

function requireLive(session: SessionRow): void {
  if (session.status === 'ended' || session.status === 'archived')
    throw sessionErrors.session_closed(`The session has ${session.status === 'ended' ? 'ended' : 'been archived'}.`);
}

async function lockedGroup(work: Work, sessionId: string, groupId: string): Promise<GroupRow> {
  const [group] = await work.tx
    .select()
    .from(studentGroups)
    .where(
      and(
        eq(studentGroups.tenantId, work.tenantId),
        eq(studentGroups.sessionId, sessionId),
        eq(studentGroups.id, groupId),
      ),
    )
    .for('update');
  if (!group) throw new AppError('not_found', `No group ${groupId} in session ${sessionId}.`);
  return group;
}

/** The caller's participant row (participant tokens only). */
export async function participantOf(work: Work, sessionId: string): Promise<ParticipantRow> {
  const grant = work.principal.participant;
  if (!grant || grant.sessionId !== sessionId) throw new AppError('forbidden', 'Only a participant of this session.');
  const [row] = await work.tx
    .select()
    .from(participants)
    .where(and(eq(participants.tenantId, work.tenantId), eq(participants.id, grant.participantId)));
  if (!row) throw new AppError('forbidden', 'The participant is no longer part of this session.');
  return row;
}

/** The teacher, or a participant of this very group (and, with `leaderOnly`, its leader). */
async function requireGroupActor(work: Work, session: SessionRow, group: GroupRow, leaderOnly: boolean) {
  const reach = await reachOf(work, session);
  if (reach === 'control') return;
  if (reach !== 'participant') throw new AppError('forbidden', "Only the session's teacher or the group's members.");
  const me = await participantOf(work, session.id);
  if (me.groupId !== group.id) throw new AppError('forbidden', 'A participant acts in its own group only.');
  if (leaderOnly && (!me.studentId || me.studentId !== group.leaderId))
    throw new AppError('forbidden', "Only the group's leader (or the teacher) marks it ready.");
}

export async function markGroupReady(work: Work, sessionId: string, groupId: string) {
  const session = await loadSession(work, sessionId);
  const group = await lockedGroup(work, sessionId, groupId);
  await requireGroupActor(work, session, group, true);
  requireLive(session);
  if (group.isReady || session.status === 'active') return groupView(group);
  const [after] = await work.tx
    .update(studentGroups)
    .set({ isReady: true, status: 'ready', updatedAt: work.now })
    .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.id, groupId)))
    .returning();
  await work.audit({
    table: studentGroups,
    recordId: groupId,
    operation: 'UPDATE',
    oldValues: { isReady: false, status: group.status },
    newValues: { isReady: true, status: 'ready' },
  });
  await groupStatusChanged(work, session, groupId, group.status, 'ready', { isReady: true });
  return groupView(after!);
}

export async function reportGroupStatus(work: Work, sessionId: string, groupId: string, input: unknown) {
  const { status } = parseInput(groupStatusInput, input);
  const session = await loadSession(work, sessionId);
  const group = await lockedGroup(work, sessionId, groupId);
  await requireGroupActor(work, session, group, false);
  requireLive(session);
  // "connected" again after an issue: back to what the session's lifecycle says.
  const next =
    status === 'issue'
      ? 'issue'
      : session.status === 'active'
        ? 'active'
        : session.status === 'paused'
          ? 'paused'
          : group.isReady
            ? 'ready'
            : 'connected';
  if (next === group.status) return groupView(group);
  const [after] = await work.tx
    .update(studentGroups)
    .set({ status: next, updatedAt: work.now })
    .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.id, groupId)))
    .returning();
  await groupStatusChanged(work, session, groupId, group.status, next);
  return groupView(after!);
}

export async function moveParticipant(work: Work, sessionId: string, input: unknown) {
  const data = parseInput(moveStudentInput, input);
  const session = await loadSession(work, sessionId, { lock: true });
  await requireControl(work, session);
  requireLive(session);
  const [participant] = await work.tx
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.tenantId, work.tenantId),
        eq(participants.sessionId, sessionId),
        eq(participants.id, data.participantId),
      ),
    )
    .for('update');
  if (!participant) throw AppError.validation({ participantId: ['is not a participant of this session'] });
  const from = participant.groupId;
  const target = await lockedGroup(work, sessionId, data.toGroupId).catch(() => {
    throw AppError.validation({ toGroupId: ['is not a group of this session'] });
  });
  if (from === target.id) return { participantId: participant.id, groupId: target.id };
  const taken = await work.tx
    .update(studentGroups)
    .set({ currentSize: sql`coalesce(${studentGroups.currentSize}, 0) + 1`, updatedAt: work.now })
    .where(
      and(
        eq(studentGroups.tenantId, work.tenantId),
        eq(studentGroups.id, target.id),
        sql`coalesce(${studentGroups.currentSize}, 0) < coalesce(${studentGroups.maxSize}, 2147483647)`,
      ),
    )
    .returning({ id: studentGroups.id });
  if (taken.length === 0)
    throw sessionErrors.group_full(`${target.name} is full (${target.maxSize} students).`, { groupId: target.id });
  if (from) {
    await work.tx
      .update(studentGroups)
      .set({ currentSize: sql`greatest(coalesce(${studentGroups.currentSize}, 0) - 1, 0)`, updatedAt: work.now })
      .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.id, from)));
  }
  await work.tx
    .update(participants)
    .set({ groupId: target.id, updatedAt: work.now })
    .where(and(eq(participants.tenantId, work.tenantId), eq(participants.id, participant.id)));
  if (participant.studentId) {
    await work.tx
      .update(studentGroupMembers)
      .set({ groupId: target.id })
      .where(
        and(
          eq(studentGroupMembers.tenantId, work.tenantId),
          eq(studentGroupMembers.sessionId, sessionId),
          eq(studentGroupMembers.studentId, participant.studentId),
        ),
      );
  }
  await work.audit({
    table: participants,
    recordId: participant.id,
    operation: 'UPDATE',
    oldValues: { groupId: from },
    newValues: { groupId: target.id },
  });
  work.publish({
    channels: [sessionChannel(sessionId), ...(from ? [groupChannel(sessionId, from)] : [])],
    type: CLASSROOM_EVENTS.participantLeft,
    data: {
      sessionId,
      groupId: from,
      participantId: participant.id,
      displayName: participant.displayName,
      movedTo: target.id,
    },
  });
  participantEvent(work, sessionId, target.id, CLASSROOM_EVENTS.participantJoined, participant);
  return { participantId: participant.id, groupId: target.id };
}

export async function leaveSession(work: Work, sessionId: string) {
  const me = await participantOf(work, sessionId);
  if (!me.isActive) return { participantId: me.id, isActive: false };
  await work.tx
    .update(participants)
    .set({ isActive: false, leaveTime: work.now, updatedAt: work.now })
    .where(and(eq(participants.tenantId, work.tenantId), eq(participants.id, me.id)));
  if (me.groupId) participantEvent(work, sessionId, me.groupId, CLASSROOM_EVENTS.participantLeft, me);
  return { participantId: me.id, isActive: false };
}

/** A fresh participant token while the session lives (its current group). */
export async function renewParticipantToken(work: Work) {
  const grant = work.principal.participant;
  if (!grant) throw new AppError('forbidden', 'Only a participant token can be renewed.');
  const session = await loadSession(work, grant.sessionId);
  requireLive(session);
  const me = await participantOf(work, session.id);
  const { token, expiresAt } = await issueParticipantToken(
    {
      tenantId: work.tenantId,
      sessionId: session.id,
      groupId: me.groupId!,
      participantId: me.id,
      ...(me.studentId ? { classroomStudentId: me.studentId } : {}),
    },
    work.now,
  );
  return { token, tokenExpiresAt: expiresAt.toISOString() };
}
