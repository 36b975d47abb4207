/**
 * The live session lifecycle through its service and routes: creation and its defaults, every
 * transition allowed and refused, the access code's format and uniqueness (with a forced collision),
 * who may do what, and the generic API refusing writes to the session tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { classroomWorld, json, plan, type ClassroomWorld } from '../../../../test/support/classroom.js';
import { markGroupReady } from './groups.js';
import { archiveSession, createSession, endSession, pauseSession, startSession, updateSession } from './lifecycle.js';

let h: DomainHarness;
let w: ClassroomWorld;

beforeAll(async () => {
  h = await domainHarness();
  w = await classroomWorld(h);
});
afterAll(() => h.dispose());

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

async function readySession(groups = 2) {
  const created = await h.work(w.teacher, (work) => createSession(work, plan(w, groups)));
  const ids = await h.database.query<{ id: string }>(
    'SELECT id FROM sessions.student_groups WHERE session_id = $1 ORDER BY group_number',
    [created.id],
  );
  for (const g of ids) await h.work(w.teacher, (work) => markGroupReady(work, created.id, g.id));
  return created;
}

describe('live session lifecycle', () => {
  it('creates with the defaults: 201, a 6-character code, retention 2,555 days, transcription and AI on, recording off', async () => {
    const res = await h.inject(w.teacher, { method: 'POST', url: '/api/v1/classroom/sessions', ...json(plan(w, 2)) });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['accessCode', 'dataRetentionDate', 'id', 'status']);
    expect(body.status).toBe('created');
    expect(body.accessCode).toMatch(/^[0-9A-Z]{6}$/);
    const days = (Date.parse(body.dataRetentionDate) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2554.9);
    expect(days).toBeLessThan(2555.1);
    const [row] = await h.database.query<Record<string, unknown>>(
      `SELECT transcription_enabled, ai_analysis_enabled, recording_enabled, teacher_id, total_groups,
              (SELECT count(*)::int FROM sessions.student_groups g
                WHERE g.session_id = s.id AND g.status = 'waiting') AS waiting
         FROM sessions.classroom_sessions s WHERE id = $1`,
      [body.id],
    );
    expect(row).toEqual({
      transcription_enabled: true,
      ai_analysis_enabled: true,
      recording_enabled: false,
      teacher_id: w.teacherId,
      total_groups: 2,
      waiting: 2,
    });
  });

  it('refuses a session without topic, goal, subject or groups, and a group without a leader, naming each field', async () => {
    const before = await h.database.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions.classroom_sessions');
    const res = await h.inject(w.teacher, {
      method: 'POST',
      url: '/api/v1/classroom/sessions',
      ...json({ topic: ' ', groups: [] }),
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().validationErrors).sort()).toEqual(['goal', 'groups', 'subject', 'topic']);
    const noLeader = await h.inject(w.teacher, {
      method: 'POST',
      url: '/api/v1/classroom/sessions',
      ...json({ ...plan(w, 1), groups: [{ name: 'A' }] }),
    });
    expect(noLeader.statusCode).toBe(400);
    expect(noLeader.json().validationErrors).toHaveProperty(['groups.0.leaderId']);
    const after = await h.database.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions.classroom_sessions');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('starts only when every group is ready: 409 groups_not_ready with the count and the groups', async () => {
    const created = await h.work(w.teacher, (work) => createSession(work, plan(w, 3)));
    const groups = await h.database.query<{ id: string; name: string }>(
      'SELECT id, name FROM sessions.student_groups WHERE session_id = $1 ORDER BY group_number',
      [created.id],
    );
    await h.work(w.teacher, (work) => markGroupReady(work, created.id, groups[0]!.id));
    const res = await h.inject(w.teacher, { method: 'POST', url: `/api/v1/classroom/sessions/${created.id}/start` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'groups_not_ready',
      ready: 1,
      total: 3,
      groupsNotReady: [
        { id: groups[1]!.id, name: 'Group 2' },
        { id: groups[2]!.id, name: 'Group 3' },
      ],
    });
  });

  it('allows exactly created → active ⇄ paused → ended → archived, and never reopens', async () => {
    const s = await readySession();
    // created: pause and end refused
    expect(await outcome(h.work(w.teacher, (work) => pauseSession(work, s.id)))).toBe('invalid_session_transition');
    expect(await outcome(h.work(w.teacher, (work) => endSession(work, s.id, { endReason: 'other' })))).toBe(
      'invalid_session_transition',
    );
    // created → active; active: start refused
    expect((await h.work(w.teacher, (work) => startSession(work, s.id))).status).toBe('active');
    expect(await outcome(h.work(w.teacher, (work) => startSession(work, s.id)))).toBe('invalid_session_transition');
    // active: delete refused; settings fixed
    const del = await h.inject(w.teacher, { method: 'DELETE', url: `/api/v1/classroom/sessions/${s.id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('session_active');
    expect(await outcome(h.work(w.teacher, (work) => updateSession(work, s.id, { goal: 'x' })))).toBe(
      'session_not_editable',
    );
    // active → paused → active → paused; paused: pause refused, settings editable
    expect((await h.work(w.teacher, (work) => pauseSession(work, s.id))).status).toBe('paused');
    expect(await outcome(h.work(w.teacher, (work) => pauseSession(work, s.id)))).toBe('invalid_session_transition');
    expect((await h.work(w.teacher, (work) => updateSession(work, s.id, { goal: 'Agree' }))).goal).toBe('Agree');
    expect((await h.work(w.teacher, (work) => startSession(work, s.id))).status).toBe('active');
    // end needs a reason from the closed list
    const bad = await h.inject(w.teacher, {
      method: 'POST',
      url: `/api/v1/classroom/sessions/${s.id}/end`,
      ...json({ endReason: 'bored' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().validationErrors.endReason[0]).toMatch(/planned_completion/);
    const ended = await h.inject(w.teacher, {
      method: 'POST',
      url: `/api/v1/classroom/sessions/${s.id}/end`,
      ...json({ endReason: 'planned_completion' }),
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', endReason: 'planned_completion', actualDurationMinutes: 0 });
    // ended: nothing reopens it
    for (const fn of [startSession, pauseSession]) {
      const refused = await h
        .work(w.teacher, (work) => fn(work, s.id))
        .catch((e: { code: string; detail: string }) => e);
      expect(refused).toMatchObject({ code: 'invalid_session_transition' });
      expect((refused as { detail: string }).detail).toMatch(/never reopens/);
    }
    expect(await outcome(h.work(w.teacher, (work) => endSession(work, s.id, { endReason: 'other' })))).toBe(
      'invalid_session_transition',
    );
    expect(await outcome(h.work(w.teacher, (work) => updateSession(work, s.id, { goal: 'x' })))).toBe(
      'session_not_editable',
    );
    // ended → archived (DELETE), twice is the same; the row stays
    const archived = await h.inject(w.teacher, { method: 'DELETE', url: `/api/v1/classroom/sessions/${s.id}` });
    expect(archived.json().status).toBe('archived');
    expect((await h.work(w.teacher, (work) => archiveSession(work, s.id))).status).toBe('archived');
    expect(await outcome(h.work(w.teacher, (work) => startSession(work, s.id)))).toBe('invalid_session_transition');
    const rows = await h.database.query('SELECT 1 FROM sessions.classroom_sessions WHERE id = $1', [s.id]);
    expect(rows).toHaveLength(1);
  });

  it('records the actual duration in minutes when it ends', async () => {
    const s = await readySession(1);
    await h.work(w.teacher, (work) => startSession(work, s.id));
    await h.database.query(
      `UPDATE sessions.classroom_sessions SET actual_start = now() - interval '37 minutes' WHERE id = $1`,
      [s.id],
    );
    const ended = await h.work(w.teacher, (work) => endSession(work, s.id, { endReason: 'time_constraint' }));
    expect(ended.actualDurationMinutes).toBe(37);
  });

  it('archives a created or paused session on DELETE (nothing is hard-deleted)', async () => {
    const created = await h.work(w.teacher, (work) => createSession(work, plan(w, 1)));
    expect((await h.work(w.teacher, (work) => archiveSession(work, created.id))).status).toBe('archived');
    const paused = await readySession(1);
    await h.work(w.teacher, (work) => startSession(work, paused.id));
    await h.work(w.teacher, (work) => pauseSession(work, paused.id));
    expect((await h.work(w.teacher, (work) => archiveSession(work, paused.id))).status).toBe('archived');
  });

  it('keeps access codes unique among open sessions: a collision is retried, an ended session frees its code', async () => {
    const first = await h.work(w.teacher, (work) => createSession(work, plan(w, 1)));
    const codes = [first.accessCode, 'ZZZZZ9'];
    const second = await h.work(w.teacher, (work) =>
      createSession(work, plan(w, 1), { nextCode: () => codes.shift()! }),
    );
    expect(second.accessCode).toBe('ZZZZZ9');
    await expect(
      h.work(w.teacher, (work) => createSession(work, plan(w, 1), { nextCode: () => first.accessCode })),
    ).rejects.toMatchObject({ code: 'access_code_exhausted' });
    // Archived (not open): its code may be given again.
    await h.work(w.teacher, (work) => archiveSession(work, first.id));
    const reused = await h.work(w.teacher, (work) =>
      createSession(work, plan(w, 1), { nextCode: () => first.accessCode }),
    );
    expect(reused.accessCode).toBe(first.accessCode);
    // The database holds the rules too.
    await expect(
      h.database.query(`UPDATE sessions.classroom_sessions SET access_code = 'abc123' WHERE id = $1`, [reused.id]),
    ).rejects.toThrow(/access_code_check/);
    await expect(
      h.database.query(`UPDATE sessions.classroom_sessions SET access_code = $2 WHERE id = $1`, [
        second.id,
        reused.accessCode,
      ]),
    ).rejects.toThrow(/open_access_code_key/);
    await expect(
      h.database.query(`UPDATE sessions.classroom_sessions SET status = 'banana' WHERE id = $1`, [second.id]),
    ).rejects.toThrow(/status_check/);
  });

  it('two concurrent starts: one wins, the other is refused', async () => {
    const s = await readySession(1);
    const outcomes = await Promise.all(
      [0, 1].map(() => outcome(h.work(w.teacher, (work) => startSession(work, s.id)))),
    );
    expect(outcomes.sort()).toEqual(['invalid_session_transition', 'ok']);
  });
});

describe('who may run a session', () => {
  it('the teacher runs their own; another teacher and a parent are refused; administrators read', async () => {
    const s = await readySession(1);
    const url = `/api/v1/classroom/sessions/${s.id}`;
    expect((await h.inject(w.otherTeacher, { method: 'POST', url: `${url}/start` })).statusCode).toBe(403);
    expect((await h.inject(w.otherTeacher, { url })).statusCode).toBe(403);
    expect((await h.inject(h.principal(['parent']), { url })).statusCode).toBe(403);
    const schoolAdmin = h.principal(['school_admin'], { schoolIds: [w.edfiSchoolId] });
    const otherSchoolAdmin = h.principal(['school_admin'], { schoolIds: [w.otherEdfiSchoolId] });
    expect((await h.inject(schoolAdmin, { url })).statusCode).toBe(200);
    expect((await h.inject(schoolAdmin, { method: 'POST', url: `${url}/start` })).statusCode).toBe(403);
    expect((await h.inject(otherSchoolAdmin, { url })).statusCode).toBe(403);
    expect((await h.inject(h.principal(['district_admin']), { url })).statusCode).toBe(200);
    expect((await h.inject(undefined, { url })).statusCode).toBe(401);
    expect((await h.inject(w.teacher, { method: 'POST', url: `${url}/start` })).statusCode).toBe(200);
  });

  it('the demo teacher account signs in and runs its own live sessions', async () => {
    const signIn = await h.app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      ...json({ tenant: 'demo-district', email: 'teacher@demo-district.schola.dev', password: 'schola-demo-password' }),
    });
    expect(signIn.statusCode).toBe(200);
    const auth = { authorization: `Bearer ${signIn.json().sessionToken}` };
    const [teacher] = await h.database.query<{ classroom_teacher_id: string }>(
      `SELECT classroom_teacher_id FROM identity.accounts WHERE email = 'teacher@demo-district.schola.dev'`,
    );
    const roster = await h.database.query<{ id: string }>(
      `SELECT st.id FROM users.students st
         JOIN users.teachers t ON t.tenant_id = st.tenant_id AND t.school_id = st.school_id
        WHERE t.id = $1 ORDER BY st.id LIMIT 1`,
      [teacher!.classroom_teacher_id],
    );
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/classroom/sessions',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...plan(w, 0), groups: [{ name: 'G', leaderId: roster[0]!.id }] }),
    });
    expect(created.statusCode).toBe(201);
    const read = await h.app.inject({ url: `/api/v1/classroom/sessions/${created.json().id}`, headers: auth });
    expect(read.json().teacherId).toBe(teacher!.classroom_teacher_id);
  });

  it('a teacher creates sessions for themself only', async () => {
    const res = await h.inject(w.otherTeacher, {
      method: 'POST',
      url: '/api/v1/classroom/sessions',
      ...json(plan(w, 1, 2, 0, { teacherId: w.teacherId })),
    });
    expect(res.statusCode).toBe(403);
  });

  it('the generic API keeps reads and refuses writes to the session tables, naming the endpoints', async () => {
    const admin = h.principal(['district_admin']);
    const s = await h.work(w.teacher, (work) => createSession(work, plan(w, 1)));
    const read = await h.inject(admin, {
      url: `/api/v1/sessions/classroom-sessions?id=${s.id}`,
      headers: { 'x-justification': 'test' },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().data).toHaveLength(1);
    for (const [method, url] of [
      ['PATCH', `/api/v1/sessions/classroom-sessions/${s.id}`],
      ['DELETE', `/api/v1/sessions/classroom-sessions/${s.id}`],
      ['POST', '/api/v1/sessions/classroom-sessions'],
      ['POST', '/api/v1/sessions/participants'],
      ['POST', '/api/v1/sessions/student-groups'],
    ] as const) {
      const res = await h.inject(admin, { method, url, ...json({ status: 'banana' }) });
      expect(res.statusCode, `${method} ${url}`).toBe(405);
      expect(res.json().detail).toMatch(/\/api\/v1\/classroom\/(sessions|join)/);
    }
    const doc = (await h.inject(undefined, { url: '/openapi.json' })).json();
    expect(doc.paths['/api/v1/classroom/sessions'].post).toBeDefined();
    expect(doc.paths['/api/v1/classroom/live'].get.description).toMatch(/WebSocket/);
    expect(doc.components.schemas.Problem.properties.code.enum).toContain('groups_not_ready');
  });
});
