/**
 * Each account's own realtime channel: an in-app notification reaches the addressee's socket within a
 * second of the commit, never another account's (nor may anyone subscribe to a channel not its own),
 * and — on PostgreSQL — it crosses to a socket held by another server instance (LISTEN/NOTIFY).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/accounts.js';
import { inProcessPublisher } from '../events/publisher.js';
import { notify } from '../notifications/index.js';
import { engine } from '../../../test/support/db.js';
import { domainHarness, type DomainHarness, secondInstance } from '../../../test/support/domain.js';
import { liveClient, type LiveClient } from '../../../test/support/live-client.js';
import { ACCOUNTS_PER_EVENT, accountChannel, forwardAccountEvents } from './accounts.js';
import type { RealtimeEvent } from './types.js';

let h: DomainHarness;
let base: string;
const ids: Record<string, string> = {};
const auth: Record<string, Record<string, string>> = {};
const open: LiveClient[] = [];
const LIVE = '/api/v1/classroom/live';
/** Role → the demo account's e-mail name. */
const WHO = { teacher: 'teacher', nurse: 'nurse', district_admin: 'admin' };

async function signIn(who: string): Promise<Record<string, string>> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({
      tenant: 'demo-district',
      email: `${who}@demo-district.schola.dev`,
      password: DEMO_PASSWORD,
    }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json().sessionToken}` };
}

async function connect(role: string, at = base): Promise<LiveClient> {
  const client = await liveClient(`${at}${LIVE}`, auth[role]);
  open.push(client);
  return client;
}

/** An in-app notification to `recipients`, sent by the district administrator; when it committed. */
async function sendInApp(recipients: string[]): Promise<{ notificationId: string; committedAt: number }> {
  const admin = h.principal(['district_admin'], { actorId: ids.district_admin! });
  const { notificationId } = await h.work(admin, (work) =>
    notify(work, {
      recipients,
      template: 'attendance.absence',
      data: { student: { firstName: 'Ana', lastSurname: 'Lima' }, school: 'Demo Elementary', date: '2026-12-01' },
      channels: ['in_app'],
    }),
  );
  return { notificationId, committedAt: Date.now() };
}

const inAppFor = (notificationId: string) => (f: Record<string, unknown>) =>
  f.type === 'event' &&
  f.event === 'notifications.in_app' &&
  (f.data as { notificationId?: string }).notificationId === notificationId;

beforeAll(async () => {
  h = await domainHarness();
  for (const a of h.demo.credentials.accounts)
    if (a.tenantId === h.demo.districtTenantId) ids[a.roles[0]!] ??= a.accountId;
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(h.app.server.address() as { port: number }).port}`;
  for (const [role, who] of Object.entries(WHO)) auth[role] = await signIn(who);
}, 120_000);
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await h?.dispose();
});

describe('the account channel', () => {
  it('is open to its own account only: not to another person, not even an administrator', async () => {
    const nurse = await connect('nurse');
    const admin = await connect('district_admin');
    expect(await nurse.subscribe(accountChannel(ids.nurse!))).toMatchObject({ type: 'subscribed' });
    expect(await nurse.subscribe(accountChannel(ids.teacher!))).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await admin.subscribe(accountChannel(ids.teacher!))).toMatchObject({ type: 'error', code: 'forbidden' });
  });

  it('carries an in-app notification to its addressee within a second, and to nobody else', async () => {
    const teacher = await connect('teacher');
    const nurse = await connect('nurse');
    await teacher.subscribe(accountChannel(ids.teacher!));
    await nurse.subscribe(accountChannel(ids.nurse!));
    const { notificationId, committedAt } = await sendInApp([ids.teacher!]);
    const frame = await teacher.next(inAppFor(notificationId), 1000);
    expect(Date.now() - committedAt).toBeLessThan(1000);
    expect(frame.data).toMatchObject({ notificationId, category: 'attendance' });
    // The nurse's socket, on the same server, got nothing (given time to arrive, had it been sent).
    await new Promise((r) => setTimeout(r, 200));
    expect(nurse.frames.filter((f) => f.type === 'event')).toEqual([]);
  });

  it('splits an event for many accounts into events that each fit one cross-process notification', async () => {
    const events = inProcessPublisher();
    const sent: RealtimeEvent[] = [];
    const stop = forwardAccountEvents(events, { publish: async (event) => void sent.push(event) }, () => undefined);
    const accountIds = Array.from({ length: ACCOUNTS_PER_EVENT * 2 + 1 }, () => randomUUID());
    events.publish({ topic: 'test.many', tenantId: h.demo.districtTenantId, accountIds, payload: { n: 1 } });
    events.publish({ topic: 'test.staff', tenantId: h.demo.districtTenantId, accountIds: [], payload: {} });
    stop();
    expect(sent.map((e) => e.channels.length)).toEqual([ACCOUNTS_PER_EVENT, ACCOUNTS_PER_EVENT, 1]);
    expect(sent.flatMap((e) => e.channels)).toEqual(accountIds.map(accountChannel));
    expect(Math.max(...sent.map((e) => JSON.stringify(e).length))).toBeLessThan(7000);
  });
});

describe.skipIf(engine() !== 'postgres')('across server instances on one PostgreSQL', () => {
  const second = secondInstance(() => h.database);

  it('a notification committed through one instance reaches its addressee on the other, and only it', async () => {
    const teacher = await connect('teacher', second.base);
    const nurse = await connect('nurse', second.base);
    await teacher.subscribe(accountChannel(ids.teacher!));
    await nurse.subscribe(accountChannel(ids.nurse!));
    const { notificationId, committedAt } = await sendInApp([ids.teacher!]);
    await teacher.next(inAppFor(notificationId), 1000);
    expect(Date.now() - committedAt).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 200));
    expect(nurse.frames.filter((f) => f.type === 'event')).toEqual([]);
  });
});
