/**
 * A session's planned groups: each plan's students checked against the roster (each exists, placed once), a
 * group inserted with its members (leader first), and a group added while the session is editable (created or
 * paused: `requireEditable`, which the session settings share).
 */

import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { classroomSessions, studentGroupMembers, studentGroups, students } from '../tables.js';
import { loadSession, requireControl, type SessionRow } from './access.js';

import { sessionErrors } from './errors.js';
import { groupStatusChanged } from './events.js';
import { addGroupInput, SESSION_RULES } from './schemas.js';
import { groupsOf, sessionView, type GroupRow } from './views.js';

/** Settings and groups change only while the session is created or paused. */
export function requireEditable(session: SessionRow): void {
  if (session.status !== 'created' && session.status !== 'paused')
    throw sessionErrors.session_not_editable(
      `Settings and groups change only while the session is created or paused; it is ${session.status}.`,
      { status: session.status },
    );
}

/** Checks the plan's students against the roster: each exists and is placed once. */
export async function checkRoster(work: Work, plan: { leaderId: string; memberIds: string[] }[], prefix = 'groups') {
  const errors: Record<string, string[]> = {};
  const placed = new Map<string, string>();
  plan.forEach((group, i) => {
    for (const id of new Set([group.leaderId, ...group.memberIds])) {
      if (placed.has(id)) errors[`${prefix}[${i}].memberIds`] = [`student ${id} is already in ${placed.get(id)}`];
      placed.set(id, `${prefix}[${i}]`);
    }
  });
  const ids = [...placed.keys()];
  const known = ids.length
    ? await work.tx
        .select({ id: students.id })
        .from(students)
        .where(and(eq(students.tenantId, work.tenantId), inArray(students.id, ids)))
    : [];
  const found = new Set(known.map((s) => s.id));
  for (const [id, where] of placed) if (!found.has(id)) errors[where] = [`no roster student ${id}`];
  if (Object.keys(errors).length > 0) throw AppError.validation(errors);
}

export async function insertGroup(
  work: Work,
  session: { id: string },
  plan: { name: string; leaderId: string; memberIds: string[]; maxSize?: number },
  groupNumber: number,
): Promise<GroupRow> {
  const members = [...new Set([plan.leaderId, ...plan.memberIds])];
  const maxSize = plan.maxSize ?? Math.max(SESSION_RULES.defaultGroupSize, members.length);
  if (members.length > maxSize)
    throw AppError.validation({ maxSize: [`is ${maxSize} but the group has ${members.length} planned members`] });
  const [group] = await work.tx
    .insert(studentGroups)
    .values({
      tenantId: work.tenantId,
      sessionId: session.id,
      name: plan.name,
      groupNumber,
      status: 'waiting',
      maxSize,
      currentSize: 0,
      leaderId: plan.leaderId,
      isReady: false,
      autoManaged: false,
    })
    .returning();
  await work.tx.insert(studentGroupMembers).values(
    members.map((studentId) => ({
      tenantId: work.tenantId,
      groupId: group!.id,
      sessionId: session.id,
      studentId,
      role: studentId === plan.leaderId ? 'leader' : 'member',
    })),
  );
  return group!;
}

export async function addGroup(work: Work, id: string, input: unknown) {
  const plan = parseInput(addGroupInput, input);
  const session = await loadSession(work, id, { lock: true });
  await requireControl(work, session);
  requireEditable(session);
  const groups = await groupsOf(work, id);
  await checkRoster(work, [plan], 'group');
  const taken = await work.tx
    .select({ studentId: studentGroupMembers.studentId })
    .from(studentGroupMembers)
    .where(
      and(
        eq(studentGroupMembers.tenantId, work.tenantId),
        eq(studentGroupMembers.sessionId, id),
        inArray(studentGroupMembers.studentId, [plan.leaderId, ...plan.memberIds]),
      ),
    );
  if (taken.length > 0)
    throw AppError.validation({ memberIds: [`already in a group of this session: ${taken.map((t) => t.studentId)}`] });
  const number = Math.max(0, ...groups.map((g) => g.groupNumber ?? 0)) + 1;
  const group = await insertGroup(work, session, plan, number);
  await work.tx
    .update(classroomSessions)
    .set({ totalGroups: groups.length + 1, updatedAt: work.now })
    .where(and(eq(classroomSessions.tenantId, work.tenantId), eq(classroomSessions.id, id)));
  await work.audit({ table: studentGroups, recordId: group.id, operation: 'INSERT', newValues: plan });
  await groupStatusChanged(work, session, group.id, null, 'waiting');
  return sessionView(session, await groupsOf(work, id));
}
