/**
 * Session analytics: participants, participation rate, engagement score, time in each status and
 * durations per session and group; the summary stored when the session ends; a teacher's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { classroomWorld, json, plan, type ClassroomWorld } from '../../../../test/support/classroom.js';
import { markGroupReady } from './groups.js';
import { createSession, endSession, pauseSession, startSession } from './lifecycle.js';

let h: DomainHarness;
let w: ClassroomWorld;
const DOB = `${new Date().getUTCFullYear() - 15}-01-01`;

beforeAll(async () => {
  h = await domainHarness();
  w = await classroomWorld(h);
});
afterAll(() => h.dispose());

describe('session analytics', () => {
  it('measures a session and its groups live, stores the summary at the end, and lists the teacher history', async () => {
    const s = await h.work(w.teacher, (work) => createSession(work, plan(w, 2, 1)));
    const joined = [];
    for (const name of ['Ann', 'Ben', 'Cal', 'Dee']) {
      const res = await h.inject(undefined, {
        method: 'POST',
        url: '/api/v1/classroom/join',
        ...json({ accessCode: s.accessCode, displayName: name, dateOfBirth: DOB }),
      });
      joined.push(res.json() as { participantId: string; groupId: string });
    }
    const groups = [...new Set(joined.map((j) => j.groupId))];
    for (const g of groups) await h.work(w.teacher, (work) => markGroupReady(work, s.id, g));
    await h.work(w.teacher, (work) => startSession(work, s.id));
    // Ann contributed a lot, Ben a little; Cal and Dee left without a word.
    await h.database.query(
      `UPDATE sessions.participants
          SET interaction_count = CASE display_name WHEN 'Ann' THEN 9 WHEN 'Ben' THEN 3 ELSE 0 END,
              is_active = display_name IN ('Ann', 'Ben')
        WHERE session_id = $1`,
      [s.id],
    );
    // Backdate the timeline so the statuses have measurable durations: 20 min active, then paused.
    await h.database.query(
      `UPDATE sessions.classroom_sessions SET actual_start = now() - interval '30 minutes' WHERE id = $1`,
      [s.id],
    );
    await h.database.query(
      `UPDATE analytics.session_events SET event_time = now() - interval '30 minutes'
        WHERE session_id = $1 AND payload->>'to' = 'active'`,
      [s.id],
    );
    await h.work(w.teacher, (work) => pauseSession(work, s.id));
    await h.database.query(
      `UPDATE analytics.session_events SET event_time = now() - interval '10 minutes'
        WHERE session_id = $1 AND payload->>'to' = 'paused'`,
      [s.id],
    );
    const live = (await h.inject(w.teacher, { url: `/api/v1/classroom/sessions/${s.id}/analytics` })).json();
    expect(live.stored).toBe(false);
    expect(live.participants).toEqual({ joined: 4, active: 2 });
    expect(live.participationRate).toBe(0.5);
    expect(live.timeInStatusSeconds.active).toBeGreaterThan(19 * 60);
    expect(live.timeInStatusSeconds.paused).toBeGreaterThan(9 * 60);
    expect(live.groups).toHaveLength(2);
    for (const g of live.groups) expect(g.participants.joined).toBe(2);

    await h.work(w.teacher, (work) => endSession(work, s.id, { endReason: 'planned_completion' }));
    const stored = (await h.inject(w.teacher, { url: `/api/v1/classroom/sessions/${s.id}/analytics` })).json();
    expect(stored.stored).toBe(true);
    expect(stored.durations.actualMinutes).toBe(30);
    expect(stored.durations.discussingMinutes).toBeGreaterThanOrEqual(20);
    // 100 × (0.5 × 0.5 + 0.3 × discussing share ≈ 2/3 + 0.2 × (1 − Gini of [9, 3, 0, 0] = 0.625))
    expect(stored.engagementScore).toBeGreaterThanOrEqual(51);
    expect(stored.engagementScore).toBeLessThanOrEqual(53);
    const [row] = await h.database.query<{
      engagement_score: string;
      participation_rate: string;
      total_students: number;
    }>('SELECT engagement_score, participation_rate, total_students FROM sessions.classroom_sessions WHERE id = $1', [
      s.id,
    ]);
    expect(Number(row!.engagement_score)).toBe(stored.engagementScore);
    expect(Number(row!.participation_rate)).toBe(0.5);
    expect(row!.total_students).toBe(4);

    const history = (await h.inject(w.teacher, { url: '/api/v1/classroom/analytics/sessions' })).json();
    expect(history.teacherId).toBe(w.teacherId);
    expect(history.sessions.map((x: { sessionId: string }) => x.sessionId)).toContain(s.id);
    expect((await h.inject(w.otherTeacher, { url: `/api/v1/classroom/sessions/${s.id}/analytics` })).statusCode).toBe(
      403,
    );
  });

  it('the demo: the demo teacher has an ended session with stored analytics and a created one ready to start', async () => {
    const [account] = await h.database.query<{ classroom_teacher_id: string }>(
      `SELECT classroom_teacher_id FROM identity.accounts WHERE email = 'teacher@demo-district.schola.dev'`,
    );
    const teacher = h.principal(['teacher'], { person: { classroomTeacherId: account!.classroom_teacher_id } });
    const sessions = await h.database.query<{ id: string; status: string; access_code: string }>(
      `SELECT id, status, access_code FROM sessions.classroom_sessions WHERE teacher_id = $1 ORDER BY scheduled_start`,
      [account!.classroom_teacher_id],
    );
    const ended = sessions.find((x) => x.status === 'ended')!;
    const created = sessions.find((x) => x.status === 'created')!;
    const analytics = (await h.inject(teacher, { url: `/api/v1/classroom/sessions/${ended.id}/analytics` })).json();
    expect(analytics).toMatchObject({ stored: true, durations: { actualMinutes: 44 } });
    expect(analytics.participants.joined).toBeGreaterThan(0);
    expect(analytics.engagementScore).toBeGreaterThan(0);
    expect(created.access_code).toMatch(/^[0-9A-Z]{6}$/);
    const started = await h.inject(teacher, { method: 'POST', url: `/api/v1/classroom/sessions/${created.id}/start` });
    expect(started.statusCode).toBe(200);
  });
});
