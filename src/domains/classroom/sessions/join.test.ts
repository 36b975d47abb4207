/**
 * Joining by code and what a participant token reaches: age and consent rules, roster matching,
 * idempotent joins, the group limit under 20 concurrent joins, the leader marking the group ready,
 * the teacher moving students, and a student token refused outside its session and group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { classroomWorld, json, plan, type ClassroomWorld } from '../../../../test/support/classroom.js';
import { markGroupReady } from './groups.js';
import { createSession, endSession, startSession } from './lifecycle.js';

let h: DomainHarness;
let w: ClassroomWorld;
/** Roster students under 13: the first eight with verified parental consent, the next two without. */
let consenting: { id: string; name: string; email: string }[];
let unconsented: { id: string; name: string; email: string }[];

const yearsAgo = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 2);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  h = await domainHarness();
  w = await classroomWorld(h);
  const tenant = h.demo.districtTenantId;
  const ids = w.roster.map((s) => s.id);
  await h.database.query('UPDATE compliance.coppa_compliance SET is_under_13 = true WHERE student_id = ANY($1)', [ids]);
  await h.database.query(`DELETE FROM compliance.parental_consents WHERE student_id = ANY($1)`, [ids]);
  for (const [i, s] of w.roster.entries()) {
    await h.database.query(`UPDATE users.students SET email = $2 WHERE id = $1`, [s.id, `student${i}@school.test`]);
  }
  const withEmail = w.roster.map((s, i) => ({ ...s, email: `student${i}@school.test` }));
  consenting = withEmail.slice(0, 8);
  unconsented = withEmail.slice(8, 10);
  for (const s of consenting) {
    await h.database.query(
      `INSERT INTO compliance.parental_consents
         (tenant_id, student_id, consent_type, consent_given, consent_date, verified_at, verification_method)
       VALUES ($1, $2, 'ai_analysis', true, now(), now(), 'signed_form')`,
      [tenant, s.id],
    );
  }
});
afterAll(() => h.dispose());

const join = (body: object) => h.inject(undefined, { method: 'POST', url: '/api/v1/classroom/join', ...json(body) });
const asToken = (token: string) => ({ authorization: `Bearer ${token}` });

/** Two groups: consenting[0] leads group 1 (with consenting[1]), consenting[2] leads group 2. */
async function session(extra: object = {}) {
  return h.work(w.teacher, (work) =>
    createSession(work, {
      ...plan(w, 0),
      groups: [
        { name: 'Group 1', leaderId: consenting[0]!.id, memberIds: [consenting[1]!.id] },
        { name: 'Group 2', leaderId: consenting[2]!.id, memberIds: [] },
      ],
      ...extra,
    }),
  );
}

describe('join by code', () => {
  it('admits an anonymous participant of 13+, idempotently, and answers a 15-minute token', async () => {
    const s = await session();
    const body = { accessCode: s.accessCode.toLowerCase(), displayName: 'Visiting Vera', dateOfBirth: yearsAgo(14) };
    const first = await join(body);
    expect(first.statusCode).toBe(200);
    const joined = first.json();
    expect(joined).toMatchObject({ sessionId: s.id, matchedBy: 'anonymous', sessionStatus: 'created' });
    const minutes = (Date.parse(joined.tokenExpiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const again = (await join(body)).json();
    expect(again.participantId).toBe(joined.participantId);
    expect(again.groupId).toBe(joined.groupId);
    const [size] = await h.database.query<{ n: number }>(
      'SELECT sum(current_size)::int AS n FROM sessions.student_groups WHERE session_id = $1',
      [s.id],
    );
    expect(size!.n).toBe(1);
  });

  it('refuses under 4 (age_restriction), under 13 or unknown age without consent (parental_consent_required)', async () => {
    const s = await session();
    const toddler = await join({ accessCode: s.accessCode, displayName: 'Tiny Tim', dateOfBirth: yearsAgo(3) });
    expect(toddler.statusCode).toBe(403);
    expect(toddler.json().code).toBe('age_restriction');
    for (const body of [
      { displayName: 'Young Anon', dateOfBirth: yearsAgo(10) },
      { displayName: 'Ageless Anon' },
      { displayName: 'x', email: unconsented[0]!.email, dateOfBirth: yearsAgo(10) },
      { displayName: unconsented[1]!.name },
    ]) {
      const res = await join({ accessCode: s.accessCode, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
      expect(res.json().code).toBe('parental_consent_required');
    }
    const rows = await h.database.query('SELECT 1 FROM sessions.participants WHERE session_id = $1', [s.id]);
    expect(rows).toHaveLength(0);
  });

  it('matches the roster by e-mail, then by name, and places students in their planned group', async () => {
    const s = await session();
    const byEmail = (await join({ accessCode: s.accessCode, displayName: 'Nick', email: consenting[1]!.email })).json();
    expect(byEmail.matchedBy).toBe('email');
    expect(byEmail.groupName).toBe('Group 1');
    const byName = (await join({ accessCode: s.accessCode, displayName: consenting[2]!.name.toUpperCase() })).json();
    expect(byName.matchedBy).toBe('name');
    expect(byName.groupName).toBe('Group 2');
    const [row] = await h.database.query<{ student_id: string }>(
      'SELECT student_id FROM sessions.participants WHERE id = $1',
      [byName.participantId],
    );
    expect(row!.student_id).toBe(consenting[2]!.id);
  });

  it('refuses an ended session, an unknown code and a malformed one', async () => {
    const s = await session();
    const leader = (await join({ accessCode: s.accessCode, displayName: 'x', email: consenting[0]!.email })).json();
    const g2 = (await join({ accessCode: s.accessCode, displayName: 'x', email: consenting[2]!.email })).json();
    await h.work(w.teacher, (work) => markGroupReady(work, s.id, leader.groupId));
    await h.work(w.teacher, (work) => markGroupReady(work, s.id, g2.groupId));
    await h.work(w.teacher, (work) => startSession(work, s.id));
    await h.work(w.teacher, (work) => endSession(work, s.id, { endReason: 'early_completion' }));
    const closed = await join({ accessCode: s.accessCode, displayName: 'Late Larry', dateOfBirth: yearsAgo(15) });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('session_closed');
    const renew = await h.app.inject({
      method: 'POST',
      url: '/api/v1/classroom/token',
      headers: asToken(leader.token),
    });
    expect(renew.statusCode).toBe(409);
    expect((await join({ accessCode: 'QQQQQ0', displayName: 'x', dateOfBirth: yearsAgo(15) })).statusCode).toBe(404);
    const malformed = await join({ accessCode: 'abc', displayName: '' });
    expect(malformed.statusCode).toBe(400);
    expect(Object.keys(malformed.json().validationErrors).sort()).toEqual(['accessCode', 'displayName']);
  });

  it('holds a group of 5 at 5 under 20 concurrent joins', async () => {
    const s = await h.work(w.teacher, (work) =>
      createSession(work, {
        ...plan(w, 0),
        groups: [{ name: 'Small', leaderId: consenting[3]!.id, memberIds: [], maxSize: 5 }],
      }),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        join({ accessCode: s.accessCode, displayName: `Student ${i}`, dateOfBirth: yearsAgo(15) }).then((r) =>
          r.statusCode === 200 ? 'joined' : r.json().code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'joined')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'group_full')).toHaveLength(15);
    const [row] = await h.database.query<{ current_size: number; n: number }>(
      `SELECT g.current_size, (SELECT count(*)::int FROM sessions.participants p WHERE p.group_id = g.id) AS n
         FROM sessions.student_groups g WHERE g.session_id = $1`,
      [s.id],
    );
    expect(row).toEqual({ current_size: 5, n: 5 });
  });
});

describe('a participant token', () => {
  it('reaches its own session and group only; the leader marks the group ready, once', async () => {
    const s = await session();
    const other = await session();
    const leader = (await join({ accessCode: s.accessCode, displayName: 'x', email: consenting[0]!.email })).json();
    const member = (await join({ accessCode: s.accessCode, displayName: 'x', email: consenting[1]!.email })).json();
    const g2 = (await join({ accessCode: s.accessCode, displayName: 'x', email: consenting[2]!.email })).json();
    const call = (token: string, method: 'GET' | 'POST', url: string) =>
      h.app.inject({ method, url, headers: asToken(token) });
    const base = `/api/v1/classroom/sessions/${s.id}`;
    const own = await call(member.token, 'GET', base);
    expect(own.statusCode).toBe(200);
    expect(own.json().accessCode).toBeNull();
    expect(own.json().groups.map((g: { id: string }) => g.id)).toEqual([member.groupId]);
    expect((await call(member.token, 'GET', `/api/v1/classroom/sessions/${other.id}`)).statusCode).toBe(404);
    expect((await call(member.token, 'POST', `${base}/start`)).statusCode).toBe(403);
    expect((await call(member.token, 'GET', `${base}/analytics`)).statusCode).toBe(403);
    expect((await call(member.token, 'GET', '/api/v1/edfi/student')).statusCode).toBe(403);
    expect((await call(member.token, 'POST', `${base}/groups/${member.groupId}/ready`)).statusCode).toBe(403);
    expect((await call(g2.token, 'POST', `${base}/groups/${member.groupId}/ready`)).statusCode).toBe(403);
    const ready = await call(leader.token, 'POST', `${base}/groups/${leader.groupId}/ready`);
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ isReady: true, status: 'ready' });
    const again = await call(leader.token, 'POST', `${base}/groups/${leader.groupId}/ready`);
    expect(again.json()).toMatchObject({ isReady: true, status: 'ready' });
    const events = await h.database.query(
      `SELECT 1 FROM analytics.session_events
        WHERE session_id = $1 AND event_type = 'group.status' AND payload->>'to' = 'ready'`,
      [s.id],
    );
    expect(events).toHaveLength(1);
    const renewed = await call(member.token, 'POST', '/api/v1/classroom/token');
    expect(renewed.statusCode).toBe(200);
    // Issued now (the same second may give the same token): valid, expiring no earlier than the first.
    expect(Date.parse(renewed.json().tokenExpiresAt)).toBeGreaterThanOrEqual(Date.parse(member.tokenExpiresAt));
    expect((await call(renewed.json().token, 'GET', base)).statusCode).toBe(200);
    const forged = member.token.slice(0, -3) + (member.token.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await call(forged, 'GET', base)).statusCode).toBe(401);
  });

  it('the teacher moves a participant to another group (not into a full one, not after the end)', async () => {
    const s = await h.work(w.teacher, (work) =>
      createSession(work, {
        ...plan(w, 0),
        groups: [
          { name: 'A', leaderId: consenting[4]!.id, memberIds: [], maxSize: 2 },
          { name: 'B', leaderId: consenting[5]!.id, memberIds: [], maxSize: 1 },
        ],
      }),
    );
    const a = (await join({ accessCode: s.accessCode, displayName: 'x', email: consenting[4]!.email })).json();
    const b = (await join({ accessCode: s.accessCode, displayName: 'x', email: consenting[5]!.email })).json();
    const move = (participantId: string, toGroupId: string) =>
      h.inject(w.teacher, {
        method: 'POST',
        url: `/api/v1/classroom/sessions/${s.id}/moves`,
        ...json({ participantId, toGroupId }),
      });
    const full = await move(a.participantId, b.groupId);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('group_full');
    expect((await move(b.participantId, a.groupId)).json()).toEqual({
      participantId: b.participantId,
      groupId: a.groupId,
    });
    const sizes = await h.database.query<{ name: string; current_size: number }>(
      'SELECT name, current_size FROM sessions.student_groups WHERE session_id = $1 ORDER BY name',
      [s.id],
    );
    expect(sizes).toEqual([
      { name: 'A', current_size: 2 },
      { name: 'B', current_size: 0 },
    ]);
    // Its group is now A: B's leader token no longer acts in B.
    const stale = await h.app.inject({
      method: 'POST',
      url: `/api/v1/classroom/sessions/${s.id}/groups/${b.groupId}/ready`,
      headers: asToken(b.token),
    });
    expect(stale.statusCode).toBe(403);
    const parent: Principal = h.principal(['parent']);
    expect(
      (await h.inject(parent, { method: 'POST', url: `/api/v1/classroom/sessions/${s.id}/moves` })).statusCode,
    ).toBe(400);
  });
});
