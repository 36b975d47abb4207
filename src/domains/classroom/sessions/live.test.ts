/**
 * Realtime delivery of the live session's events over the one WebSocket endpoint: to the right
 * subscribers only (a student never receives another group's events, a parent nothing), the current
 * state on (re)subscribing, a slow client cut off without stalling the others, and — on PostgreSQL —
 * an event raised through one server instance reaching a socket held by another (LISTEN/NOTIFY).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../../test/support/db.js';
import { domainHarness, type DomainHarness, secondInstance } from '../../../../test/support/domain.js';
import { demoTeacherStudents, json } from '../../../../test/support/classroom.js';
import { liveClient, type LiveClient } from '../../../../test/support/live-client.js';

let h: DomainHarness;
let base: string;
let teacherAuth: Record<string, string>;
let parentAuth: Record<string, string>;
let leaders: string[];
const open: LiveClient[] = [];

const DOB = `${new Date().getUTCFullYear() - 15}-01-01`;

async function signIn(email: string): Promise<Record<string, string>> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    ...json({ tenant: 'demo-district', email, password: 'schola-demo-password' }),
  });
  return { authorization: `Bearer ${res.json().sessionToken}` };
}

const api = (method: 'GET' | 'POST', url: string, body?: object) =>
  h.app.inject({
    method,
    url,
    headers: { ...teacherAuth, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });

async function connect(headers: Record<string, string>, url = `${base}/api/v1/classroom/live`) {
  const client = await liveClient(url, headers);
  open.push(client);
  return client;
}

/** A session of the demo teacher with two groups and one anonymous student in each. */
async function liveSession() {
  const created = await api('POST', '/api/v1/classroom/sessions', {
    topic: 'Seasons',
    goal: 'Explain axial tilt',
    subject: 'Science',
    groups: [
      { name: 'Group 1', leaderId: leaders[0] },
      { name: 'Group 2', leaderId: leaders[1] },
    ],
  });
  const session = created.json() as { id: string; accessCode: string };
  const join = async (displayName: string) =>
    (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/classroom/join',
        ...json({ accessCode: session.accessCode, displayName, dateOfBirth: DOB }),
      })
    ).json() as { token: string; groupId: string; participantId: string };
  const a = await join('Ann');
  const b = await join('Ben');
  expect(a.groupId).not.toBe(b.groupId);
  return { session, a, b };
}

beforeAll(async () => {
  h = await domainHarness();
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const address = h.app.server.address() as { port: number };
  base = `ws://127.0.0.1:${address.port}`;
  teacherAuth = await signIn('teacher@demo-district.schola.dev');
  parentAuth = await signIn('parent@demo-district.schola.dev');
  leaders = await demoTeacherStudents(h.database, 2);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await h.dispose();
});

describe('live events over the WebSocket endpoint', () => {
  it('refuses a connection without credentials (401 before the upgrade)', async () => {
    await expect(liveClient(`${base}/api/v1/classroom/live`)).rejects.toThrow(/401/);
  });

  it('delivers each event to the right subscribers only', async () => {
    const { session, a, b } = await liveSession();
    const teacher = await connect(teacherAuth);
    const studentA = await connect({ authorization: `Bearer ${a.token}` });
    const studentB = await connect({}, `${base}/api/v1/classroom/live?token=${b.token}`);
    const parent = await connect(parentAuth);
    const snapshot = await teacher.subscribe(`session:${session.id}`);
    expect(snapshot).toMatchObject({
      type: 'subscribed',
      snapshot: { session: { id: session.id, status: 'created' } },
    });
    expect((await studentA.subscribe(`group:${session.id}:${a.groupId}`)).type).toBe('subscribed');
    expect((await studentB.subscribe(`group:${session.id}:${b.groupId}`)).type).toBe('subscribed');
    // A student reaches neither the whole session nor another group; a parent nothing live.
    expect(await studentA.subscribe(`session:${session.id}`)).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await studentA.subscribe(`group:${session.id}:${b.groupId}`)).toMatchObject({ type: 'error' });
    expect(await parent.subscribe(`session:${session.id}`)).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await parent.subscribe(`group:${session.id}:${a.groupId}`)).toMatchObject({ type: 'error' });

    await api('POST', `/api/v1/classroom/sessions/${session.id}/groups/${b.groupId}/ready`);
    const readyB = (f: Record<string, unknown>) =>
      f.event === 'group.status' && (f.data as { groupId: string }).groupId === b.groupId;
    await teacher.next(readyB);
    await studentB.next(readyB);
    await api('POST', `/api/v1/classroom/sessions/${session.id}/groups/${a.groupId}/ready`);
    await api('POST', `/api/v1/classroom/sessions/${session.id}/start`);
    const started = (f: Record<string, unknown>) =>
      f.event === 'session.status' && (f.data as { status: string }).status === 'active';
    await Promise.all([teacher.next(started), studentA.next(started), studentB.next(started)]);
    // Everything A saw concerned its own group or the whole session; never B's group.
    const seenByA = studentA.frames.filter((f) => f.type === 'event');
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByA.every((f) => (f.data as { groupId?: string }).groupId !== b.groupId)).toBe(true);
    expect(parent.frames.filter((f) => f.type === 'event')).toEqual([]);
    // A participant leaving is seen by the teacher and its group.
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/classroom/sessions/${session.id}/leave`,
      headers: { authorization: `Bearer ${b.token}` },
    });
    await teacher.next((f) => f.event === 'participant.left');
    expect(studentA.frames.some((f) => f.event === 'participant.left')).toBe(false);
    studentA.send({ type: 'ping' });
    await studentA.next((f) => f.type === 'pong');
  });

  it('a reconnecting client gets the current state', async () => {
    const { session, a } = await liveSession();
    const first = await connect({ authorization: `Bearer ${a.token}` });
    const before = await first.subscribe(`group:${session.id}:${a.groupId}`);
    expect(before).toMatchObject({ snapshot: { group: { isReady: false } } });
    await first.close();
    await api('POST', `/api/v1/classroom/sessions/${session.id}/groups/${a.groupId}/ready`);
    const again = await connect({ authorization: `Bearer ${a.token}` });
    const after = await again.subscribe(`group:${session.id}:${a.groupId}`);
    expect(after).toMatchObject({
      snapshot: { group: { isReady: true, status: 'ready' }, session: { status: 'created' } },
    });
    expect((after.snapshot as { participants: unknown[] }).participants).toHaveLength(1);
  });

  it('cuts off a client that does not read, without stalling the others', async () => {
    const { session } = await liveSession();
    const channel = `session:${session.id}`;
    const fast = await connect(teacherAuth);
    const slow = await connect(teacherAuth);
    await fast.subscribe(channel);
    await slow.subscribe(channel);
    const hub = h.app.realtime;
    const limit = hub.limits.maxBufferedBytes;
    hub.limits.maxBufferedBytes = 256 * 1024;
    const dropped = hub.slowConsumersDropped;
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    try {
      // ~19 MB: more than the kernel buffers of a paused loopback socket hold; the reading client
      // drains between bursts (it runs in this process too).
      const payload = 'x'.repeat(16 * 1024);
      const total = 1200;
      for (let i = 0; i < total; i++) {
        hub.deliver({
          tenantId: h.demo.districtTenantId,
          channels: [channel],
          type: 'test.bulk',
          data: { i, payload },
          at: '',
        });
        if (i % 8 === 7) await new Promise((r) => setTimeout(r, 2));
      }
      await fast.next((f) => f.event === 'test.bulk' && (f.data as { i: number }).i === total - 1, 20_000);
      expect(fast.frames.filter((f) => f.event === 'test.bulk')).toHaveLength(total);
      expect(hub.slowConsumersDropped).toBeGreaterThan(dropped);
    } finally {
      hub.limits.maxBufferedBytes = limit;
    }
  });
});

describe.skipIf(engine() !== 'postgres')('across server instances on one PostgreSQL', () => {
  const second = secondInstance(() => h.database);

  it('an event raised through one instance reaches the sockets another holds, and only the right ones', async () => {
    const { session, a, b } = await liveSession();
    const teacher = await connect(teacherAuth, `${second.base}/api/v1/classroom/live`);
    const studentA = await connect({ authorization: `Bearer ${a.token}` }, `${second.base}/api/v1/classroom/live`);
    await teacher.subscribe(`session:${session.id}`);
    await studentA.subscribe(`group:${session.id}:${a.groupId}`);
    // Raised through the first instance (h.app): crosses by LISTEN/NOTIFY.
    await api('POST', `/api/v1/classroom/sessions/${session.id}/groups/${b.groupId}/ready`);
    await teacher.next((f) => f.event === 'group.status' && (f.data as { groupId: string }).groupId === b.groupId);
    await api('POST', `/api/v1/classroom/sessions/${session.id}/groups/${a.groupId}/ready`);
    await studentA.next((f) => f.event === 'group.status' && (f.data as { groupId: string }).groupId === a.groupId);
    await api('POST', `/api/v1/classroom/sessions/${session.id}/start`);
    await studentA.next((f) => f.event === 'session.status');
    expect(studentA.frames.some((f) => (f.data as { groupId?: string } | undefined)?.groupId === b.groupId)).toBe(
      false,
    );
  });
});
