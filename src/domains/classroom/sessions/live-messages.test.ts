/**
 * Messages participants send over the WebSocket (`publish` frames): a participant's `group.message`
 * reaches its group and the teacher (session channel), never another group; anything else is refused
 * (another group's channel, a channel not subscribed, another event type, a teacher or anyone not a
 * participant); a client sending faster than its allowance is told so and the excess is dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { demoTeacherStudents, json } from '../../../../test/support/classroom.js';
import { liveClient, type LiveClient } from '../../../../test/support/live-client.js';
import { DEFAULT_REALTIME_LIMITS } from '../../../platform/realtime/types.js';

let h: DomainHarness;
let base: string;
let teacherAuth: Record<string, string>;
let leaders: string[];
const open: LiveClient[] = [];
const DOB = `${new Date().getUTCFullYear() - 15}-01-01`;

const post = (url: string, body: object, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url, ...json(body), headers: { ...headers, 'content-type': 'application/json' } });

async function connect(headers: Record<string, string>) {
  const client = await liveClient(`${base}/api/v1/classroom/live`, headers);
  open.push(client);
  return client;
}

beforeAll(async () => {
  h = await domainHarness();
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(h.app.server.address() as { port: number }).port}`;
  const signIn = await post('/auth/sign-in', {
    tenant: 'demo-district',
    email: 'teacher@demo-district.schola.dev',
    password: 'schola-demo-password',
  });
  teacherAuth = { authorization: `Bearer ${signIn.json().sessionToken}` };
  leaders = await demoTeacherStudents(h.database, 2);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await h.dispose();
});

async function sessionWithStudents() {
  const created = await post(
    '/api/v1/classroom/sessions',
    {
      topic: 'Tides',
      goal: 'Explain the two bulges',
      subject: 'Science',
      groups: [
        { name: 'Group 1', leaderId: leaders[0], maxSize: 2 },
        { name: 'Group 2', leaderId: leaders[1], maxSize: 2 },
      ],
    },
    teacherAuth,
  );
  const session = created.json() as { id: string; accessCode: string };
  const join = async (displayName: string) =>
    (
      await post('/api/v1/classroom/join', { accessCode: session.accessCode, displayName, dateOfBirth: DOB })
    ).json() as {
      token: string;
      groupId: string;
      participantId: string;
    };
  const people = [await join('Ann'), await join('Ben'), await join('Cy'), await join('Di')];
  return { session, people };
}

const message = (f: Record<string, unknown>) => f.type === 'event' && f.event === 'group.message';

describe('participants sending over the WebSocket', () => {
  it("delivers a participant's group message to its group and the teacher only", async () => {
    const { session, people } = await sessionWithStudents();
    const [ann] = people;
    const mate = people.find((p) => p !== ann && p.groupId === ann!.groupId)!;
    const other = people.find((p) => p.groupId !== ann!.groupId)!;
    const teacher = await connect(teacherAuth);
    const annSocket = await connect({ authorization: `Bearer ${ann!.token}` });
    const mateSocket = await connect({ authorization: `Bearer ${mate.token}` });
    const otherSocket = await connect({ authorization: `Bearer ${other.token}` });
    await teacher.subscribe(`session:${session.id}`);
    const channel = `group:${session.id}:${ann!.groupId}`;
    expect((await annSocket.subscribe(channel)).type).toBe('subscribed');
    await mateSocket.subscribe(channel);
    await otherSocket.subscribe(`group:${session.id}:${other.groupId}`);

    annSocket.send({ type: 'publish', channel, event: 'group.message', data: { text: 'Gravity pulls both ways' } });
    const expected = {
      event: 'group.message',
      data: {
        sessionId: session.id,
        groupId: ann!.groupId,
        participantId: ann!.participantId,
        body: { text: 'Gravity pulls both ways' },
      },
    };
    expect(await teacher.next(message)).toMatchObject(expected);
    expect(await mateSocket.next(message)).toMatchObject(expected);
    expect(await annSocket.next(message)).toMatchObject(expected);
    // The other group hears nothing of it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(otherSocket.frames.filter(message)).toEqual([]);
  });

  it('refuses other channels, other events, unsubscribed channels and non-participants', async () => {
    const { session, people } = await sessionWithStudents();
    const [ann] = people;
    const other = people.find((p) => p.groupId !== ann!.groupId)!;
    const own = `group:${session.id}:${ann!.groupId}`;
    const annSocket = await connect({ authorization: `Bearer ${ann!.token}` });
    const refusal = async (client: LiveClient, frame: object) => {
      const before = client.frames.length;
      client.send(frame);
      return client.next((f, i = client.frames.indexOf(f)) => i >= before && f.type === 'error');
    };
    expect(await refusal(annSocket, { type: 'publish', channel: own, event: 'group.message', data: {} })).toMatchObject(
      { code: 'forbidden', detail: 'subscribe to the channel first' },
    );
    await annSocket.subscribe(own);
    expect(
      await refusal(annSocket, { type: 'publish', channel: own, event: 'session.status', data: {} }),
    ).toMatchObject({ code: 'forbidden' });
    expect(await refusal(annSocket, { type: 'publish', channel: own, data: {} })).toMatchObject({
      code: 'bad_message',
    });
    expect(
      await refusal(annSocket, {
        type: 'publish',
        channel: `group:${session.id}:${other.groupId}`,
        event: 'group.message',
        data: {},
      }),
    ).toMatchObject({ code: 'forbidden' });
    const teacher = await connect(teacherAuth);
    await teacher.subscribe(own);
    expect(await refusal(teacher, { type: 'publish', channel: own, event: 'group.message', data: {} })).toMatchObject({
      code: 'forbidden',
    });
    await teacher.subscribe(`session:${session.id}`);
    expect(
      await refusal(teacher, { type: 'publish', channel: `session:${session.id}`, event: 'group.message', data: {} }),
    ).toMatchObject({ code: 'forbidden' });
  });

  it('drops what a client sends beyond its allowance and tells it so', async () => {
    const { session, people } = await sessionWithStudents();
    const [ann] = people;
    const channel = `group:${session.id}:${ann!.groupId}`;
    const teacher = await connect(teacherAuth);
    await teacher.subscribe(`session:${session.id}`);
    const annSocket = await connect({ authorization: `Bearer ${ann!.token}` });
    await annSocket.subscribe(channel);
    const burst = DEFAULT_REALTIME_LIMITS.maxPublishPerSecond * 3;
    for (let i = 0; i < burst; i++) annSocket.send({ type: 'publish', channel, event: 'group.message', data: { i } });
    await annSocket.next((f) => f.type === 'error' && f.code === 'rate_limited');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const delivered = teacher.frames.filter(message).length;
    expect(delivered).toBeGreaterThanOrEqual(DEFAULT_REALTIME_LIMITS.maxPublishPerSecond * 2);
    expect(delivered).toBeLessThan(burst);
  });
});
