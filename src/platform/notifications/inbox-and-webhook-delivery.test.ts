/**
 * The other delivery channels, on the demo district with the job runner: the in-app inbox (stored,
 * announced after commit, counted, marked read; nothing when the sender rolls back) and signed
 * webhooks POSTed to a real HTTP server in this process.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  absence,
  admin,
  asAccount,
  deliveriesOf,
  h,
  ids,
  send,
  until,
  useNotificationWorld,
} from '../../../test/support/notification-world.js';
import type { PlatformEvent } from '../events/publisher.js';
import { notify, verifyWebhook } from './index.js';

useNotificationWorld();

describe('in-app inbox', () => {
  it('stores the item in the recipient’s inbox, announces it after commit, counts unread and marks read', async () => {
    const events: PlatformEvent[] = [];
    const unsubscribe = h.app.events.subscribe((event) => void events.push(event));
    try {
      const before = await h.inject(asAccount('teacher'), { method: 'GET', url: '/api/v1/notifications/inbox' });
      const unread = before.json().unreadCount as number;
      const { notificationId } = await send(absence([ids.teacher!, ids.nurse!], { channels: ['in_app'] }));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        topic: 'notifications.in_app',
        tenantId: h.demo.districtTenantId,
        payload: { notificationId, category: 'attendance', urgency: 'normal' },
      });
      expect([...events[0]!.accountIds].sort()).toEqual([ids.teacher, ids.nurse].sort());
      const inbox = await h.inject(asAccount('teacher'), { method: 'GET', url: '/api/v1/notifications/inbox' });
      expect(inbox.json().unreadCount).toBe(unread + 1);
      const item = inbox.json().items[0];
      expect(item).toMatchObject({ notificationId, subject: 'Ana <b> was absent on 2026-12-01', readAt: null });

      const foreign = await h.inject(asAccount('nurse'), {
        method: 'POST',
        url: `/api/v1/notifications/inbox/${item.id}/read`,
      });
      expect(foreign.statusCode).toBe(404);
      const read = await h.inject(asAccount('teacher'), {
        method: 'POST',
        url: `/api/v1/notifications/inbox/${item.id}/read`,
      });
      expect(read.json()).toEqual({ marked: 1, unreadCount: unread });
      const again = await h.inject(asAccount('teacher'), {
        method: 'POST',
        url: `/api/v1/notifications/inbox/${item.id}/read`,
      });
      expect(again.json()).toEqual({ marked: 0, unreadCount: unread });
    } finally {
      unsubscribe();
    }
  });

  it('a rolled-back sender leaves no inbox item and announces nothing', async () => {
    const events: PlatformEvent[] = [];
    const unsubscribe = h.app.events.subscribe((event) => void events.push(event));
    const before = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications.notification_queue`,
    );
    await expect(
      h.work(admin(), async (work) => {
        await notify(work, absence([ids.teacher!], { channels: ['in_app'] }));
        throw new Error('the domain operation failed');
      }),
    ).rejects.toThrow('the domain operation failed');
    unsubscribe();
    expect(events).toEqual([]);
    const after = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications.notification_queue`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('signed webhooks', () => {
  let receiver: Server;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('POSTs the notification to the subscription with an HMAC-SHA256 signature the receiver verifies', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const created = await h.inject(admin(), {
      method: 'POST',
      url: '/api/v1/notifications/webhooks',
      body: { url, categories: ['safety'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { signingSecret, id } = created.json();
    expect(signingSecret).toMatch(/^whsec_/);
    const listed = await h.inject(admin(), { method: 'GET', url: '/api/v1/notifications/webhooks' });
    expect(JSON.stringify(listed.json())).not.toContain(signingSecret);

    await send(absence([ids.teacher!], { channels: ['webhook'] })); // attendance: not subscribed
    const alert = await send({
      recipients: [],
      template: 'safety.alert',
      data: { title: 'Storm', message: 'Buses leave at noon.', school: 'All', issuedAt: 'today' },
      urgency: 'safety',
      channels: ['webhook'],
    });
    await until(
      () => received.length,
      (n) => n === 1,
    );
    const [hook] = received;
    const signature = hook!.headers['schola-signature'] as string;
    expect(verifyWebhook(signingSecret, signature, hook!.body)).toBe(true);
    expect(verifyWebhook('whsec_wrong', signature, hook!.body)).toBe(false);
    expect(verifyWebhook(signingSecret, signature, hook!.body.replace('Storm', 'Calm'))).toBe(false);
    const body = JSON.parse(hook!.body);
    expect(body).toMatchObject({
      notificationId: alert.notificationId,
      template: 'safety.alert',
      category: 'safety',
      urgency: 'safety',
      subject: 'Safety alert: Storm',
      data: { title: 'Storm' },
    });
    expect(hook!.headers['schola-delivery-id']).toBe(body.deliveryId);
    const delivery = await until(
      () => deliveriesOf(alert.notificationId),
      (rows) => rows[0]?.status === 'sent',
    );
    expect(delivery[0]!.provider_message_id).toBe('HTTP 204');
    await h.inject(admin(), { method: 'POST', url: `/api/v1/notifications/webhooks/${id}/deactivate` });
  });
});
