/**
 * Session analytics (issue 16), per session and per group:
 * - participants: joined (participant rows) and active — connected now, or who contributed at all
 *   (speaking time, messages or interactions);
 * - participation rate = active / joined (0 when nobody joined);
 * - time in each status, in seconds, from the session's timeline (analytics.session_events);
 * - durations: planned, actual (start → end, or → now while live) and discussing (time active);
 * - engagement score 0–100 = round(100 × (0.5 × participation rate + 0.3 × discussing share
 *   + 0.2 × contribution balance)), where the discussing share is the time active over the time since
 *   the start (pauses lower it), and the contribution balance is 1 − the Gini coefficient of the
 *   participants' contributions (1 = everyone contributed equally; 0 with no contributions). Before
 *   the start the score is 0.
 * When a session ends, its summary is computed once and stored: the session row keeps participation
 * rate, engagement score and participant count, and its timeline a `session.summary` entry with the
 * whole analytics, which the analytics endpoint answers from then on.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { AppError } from '../../../platform/http/errors.js';
import type { Work } from '../../../platform/service/work.js';
import { classroomSessions, participants, sessionEvents } from '../tables.js';
import { loadSession, reachOf, teacherOf, type SessionRow } from './access.js';
import { TIMELINE, recordTimeline } from './events.js';
import { groupsOf } from './views.js';

type ParticipantRow = typeof participants.$inferSelect;
type TimelineRow = { eventType: string; eventTime: Date | null; payload: unknown };

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

function contributionOf(p: ParticipantRow): number {
  return (p.interactionCount ?? 0) + (p.messageCount ?? 0) + (p.totalSpeakingTimeSeconds ?? 0) / 30;
}

/** Gini coefficient of non-negative values (0 = equal; 1 = one holds all); 1 when all are zero. */
function gini(values: number[]): number {
  const total = values.reduce((a, b) => a + b, 0);
  if (values.length === 0 || total === 0) return 1;
  const sorted = [...values].sort((a, b) => a - b);
  const weighted = sorted.reduce((sum, v, i) => sum + (2 * (i + 1) - sorted.length - 1) * v, 0);
  return weighted / (sorted.length * total);
}

/** Seconds spent in each status, from status-change entries `{ to }` and the end of the period. */
function timeInStatus(entries: { at: Date; to: string }[], until: Date): Record<string, number> {
  const totals: Record<string, number> = {};
  entries.forEach((entry, i) => {
    if (entry.to === 'ended' || entry.to === 'archived') return;
    const end = entries[i + 1]?.at ?? until;
    totals[entry.to] = round((totals[entry.to] ?? 0) + Math.max(0, end.getTime() - entry.at.getTime()) / 1000, 1);
  });
  return totals;
}

function measure(joined: ParticipantRow[], statusSeconds: Record<string, number>, sinceStartSeconds: number) {
  const active = joined.filter((p) => p.isActive === true || contributionOf(p) > 0).length;
  const participationRate = joined.length ? active / joined.length : 0;
  const discussing = statusSeconds.active ?? 0;
  const discussingShare = sinceStartSeconds > 0 ? Math.min(1, discussing / sinceStartSeconds) : 0;
  const balance = 1 - gini(joined.map(contributionOf));
  const engagementScore =
    sinceStartSeconds > 0 ? Math.round(100 * (0.5 * participationRate + 0.3 * discussingShare + 0.2 * balance)) : 0;
  return {
    participants: { joined: joined.length, active },
    participationRate: round(participationRate),
    engagementScore,
    timeInStatusSeconds: statusSeconds,
  };
}

async function timelineOf(work: Work, sessionId: string): Promise<TimelineRow[]> {
  return work.tx
    .select({ eventType: sessionEvents.eventType, eventTime: sessionEvents.eventTime, payload: sessionEvents.payload })
    .from(sessionEvents)
    .where(and(eq(sessionEvents.tenantId, work.tenantId), eq(sessionEvents.sessionId, sessionId)))
    .orderBy(asc(sessionEvents.eventTime), asc(sessionEvents.createdAt));
}

/** The analytics as of now (a live session) or its end. */
export async function computeAnalytics(work: Work, session: SessionRow) {
  const groups = await groupsOf(work, session.id);
  const joined = await work.tx
    .select()
    .from(participants)
    .where(and(eq(participants.tenantId, work.tenantId), eq(participants.sessionId, session.id)));
  const timeline = await timelineOf(work, session.id);
  const until = session.actualEnd ?? work.now;
  const sinceStart = session.actualStart ? Math.max(0, (until.getTime() - session.actualStart.getTime()) / 1000) : 0;
  const changes = (type: string, groupId?: string) =>
    timeline
      .filter((t) => t.eventType === type && t.eventTime)
      .map((t) => ({ at: t.eventTime!, ...(t.payload as { to: string; groupId?: string }) }))
      .filter((t) => groupId === undefined || t.groupId === groupId);
  const sessionSeconds = timeInStatus(changes(TIMELINE.sessionStatus), until);
  return {
    sessionId: session.id,
    status: session.status,
    asOf: until.toISOString(),
    ...measure(joined, sessionSeconds, sinceStart),
    durations: {
      plannedMinutes: session.plannedDurationMinutes,
      actualMinutes: session.actualStart ? Math.round(sinceStart / 60) : null,
      discussingMinutes: round((sessionSeconds.active ?? 0) / 60, 1),
    },
    groups: groups.map((g) => ({
      groupId: g.id,
      name: g.name,
      status: g.status,
      ...measure(
        joined.filter((p) => p.groupId === g.id),
        timeInStatus(changes(TIMELINE.groupStatus, g.id), until),
        sinceStart,
      ),
    })),
  };
}

export type SessionAnalytics = Awaited<ReturnType<typeof computeAnalytics>>;

/** Stores the summary of a session that just ended (its row and a timeline entry). */
export async function storeSessionSummary(work: Work, session: SessionRow): Promise<SessionRow> {
  const summary = await computeAnalytics(work, session);
  await recordTimeline(work, session, TIMELINE.summary, summary);
  const [after] = await work.tx
    .update(classroomSessions)
    .set({
      engagementScore: summary.engagementScore,
      participationRate: summary.participationRate,
      totalStudents: summary.participants.joined,
      totalGroups: summary.groups.length,
    })
    .where(and(eq(classroomSessions.tenantId, work.tenantId), eq(classroomSessions.id, session.id)))
    .returning();
  return after!;
}

/** GET …/analytics: the stored summary of an ended session, else computed now. */
export async function sessionAnalytics(work: Work, id: string): Promise<SessionAnalytics & { stored: boolean }> {
  const session = await loadSession(work, id);
  if ((await reachOf(work, session)) === 'participant')
    throw new AppError('forbidden', "A session's analytics are for its teacher and administrators.");
  const [stored] = await work.tx
    .select({ payload: sessionEvents.payload })
    .from(sessionEvents)
    .where(
      and(
        eq(sessionEvents.tenantId, work.tenantId),
        eq(sessionEvents.sessionId, id),
        eq(sessionEvents.eventType, TIMELINE.summary),
      ),
    )
    .orderBy(desc(sessionEvents.eventTime))
    .limit(1);
  if (stored) return { ...(stored.payload as SessionAnalytics), status: session.status, stored: true };
  return { ...(await computeAnalytics(work, session)), stored: false };
}

/** A teacher's ended sessions over time (oldest first) with their stored summaries. */
export async function teacherSessionsOverTime(work: Work, query: { teacherId?: string; from?: string; to?: string }) {
  const own = teacherOf(work.principal);
  const teacherId = query.teacherId ?? own;
  if (!teacherId) throw AppError.validation({ teacherId: ['is required (the caller is not a classroom teacher)'] });
  if (teacherId !== own && !work.principal.roles.includes('district_admin'))
    throw new AppError('forbidden', "A teacher sees their own sessions' history only.");
  await work.authorize(classroomSessions, 'read');
  const conditions = [
    eq(classroomSessions.tenantId, work.tenantId),
    eq(classroomSessions.teacherId, teacherId),
    inArray(classroomSessions.status, ['ended', 'archived']),
    ...(query.from ? [gte(classroomSessions.actualStart, new Date(query.from))] : []),
    ...(query.to ? [lte(classroomSessions.actualStart, new Date(`${query.to}T23:59:59.999Z`))] : []),
  ];
  const rows = await work.tx
    .select()
    .from(classroomSessions)
    .where(and(...conditions))
    .orderBy(asc(classroomSessions.actualStart));
  const sessions = rows
    .filter((r) => r.actualStart)
    .map((r) => ({
      sessionId: r.id,
      title: r.title,
      subject: r.subject,
      date: r.actualStart!.toISOString().slice(0, 10),
      actualDurationMinutes: r.actualDurationMinutes,
      participants: r.totalStudents,
      participationRate: r.participationRate,
      engagementScore: r.engagementScore,
      endReason: r.endReason,
    }));
  const scored = sessions.filter((s) => s.engagementScore !== null);
  return {
    teacherId,
    sessions,
    averageEngagementScore: scored.length
      ? Math.round(scored.reduce((a, s) => a + s.engagementScore!, 0) / scored.length)
      : null,
  };
}

/** Stores the summary of every ended session that has none yet (sessions ended outside the service). */
export async function summarizeEndedSessions(work: Work): Promise<number> {
  const rows = await work.tx
    .select()
    .from(classroomSessions)
    .where(
      and(
        eq(classroomSessions.tenantId, work.tenantId),
        eq(classroomSessions.status, 'ended'),
        sql`NOT EXISTS (SELECT 1 FROM analytics.session_events e WHERE e.tenant_id = ${classroomSessions.tenantId}
              AND e.session_id = ${classroomSessions.id} AND e.event_type = ${TIMELINE.summary})`,
      ),
    );
  for (const row of rows) await storeSessionSummary(work, row);
  return rows.length;
}
