/**
 * Notification delivery against a real SMTP server in this process (smtp-server; messages parsed
 * with mailparser) and a real HTTP server for webhooks, on the demo district with the job runner:
 * the message as received (headers, locale, body, escaping), retries of a flaky server without
 * duplicates, the dead letter, a delivery run twice and concurrently sent once, preferences, quiet
 * hours, the COPPA contact policy, the inbox and its live event, and signed webhooks.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.js';
import type { PlatformEvent } from '../events/publisher.js';
import { createAccount } from '../identity/service.js';
import { DELIVER_TASK, notify, verifyWebhook, type NotifyInput } from './index.js';

let h: DomainHarness;
let smtp: TestSmtpServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpServer();
  h = await domainHarness(
    {},
    {
      jobs: true,
      application: { notifications: { smtpUrl: smtp.url, retry: { limit: 2, delaySeconds: 1, backoff: true } } },
    },
  );
  for (const a of h.demo.credentials.accounts)
    if (a.tenantId === h.demo.districtTenantId) ids[a.roles[0]!] ??= a.accountId;
}, 120_000);
afterAll(async () => {
  await h?.dispose();
  await smtp?.close();
});
beforeEach(() => smtp.reset());

const admin = () => h.principal(['district_admin'], { actorId: ids.district_admin! });
const asAccount = (role: string) => h.principal([role as 'teacher'], { actorId: ids[role]! });

async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Delivery {
  id: string;
  channel: string;
  status: string;
  retry_count: number;
  failure_reason: string | null;
  provider_message_id: string | null;
  scheduled_for: Date | null;
  user_id: string | null;
}
const deliveriesOf = (notificationId: string) =>
  h.database.query<Delivery>(
    `SELECT id, channel, status, retry_count, failure_reason, provider_message_id, scheduled_for, user_id
     FROM notifications.notification_queue WHERE notification_id = $1 ORDER BY channel, id`,
    [notificationId],
  );
const emailOf = async (notificationId: string) =>
  (await deliveriesOf(notificationId)).find((d) => d.channel === 'email');
const settledEmail = (notificationId: string) =>
  until(
    () => emailOf(notificationId),
    (d) => d?.status === 'sent' || d?.status === 'dead',
  );

const send = (input: NotifyInput, principal = admin()) => h.work(principal, (work) => notify(work, input));
const absence = (recipients: string[], extra: Partial<NotifyInput> = {}): NotifyInput => ({
  recipients,
  template: 'attendance.absence',
  data: { student: { firstName: 'Ana <b>', lastSurname: 'Lima & Co' }, school: 'Demo Elementary', date: '2026-12-01' },
  channels: ['email'],
  ...extra,
});

async function setPreferences(role: string, body: Record<string, unknown>) {
  const response = await h.inject(asAccount(role), { method: 'PUT', url: '/api/v1/notifications/preferences', body });
  expect(response.statusCode, response.body).toBe(200);
}

describe('e-mail over SMTP', () => {
  it('sends the template in the recipient’s locale: headers, text and HTML-escaped body, status visible to the sender', async () => {
    await setPreferences('parent', { locale: 'pt-BR' });
    const { notificationId, deliveries } = await send(absence([ids.parent!]));
    expect(deliveries).toEqual({ email: { pending: 1 } });
    const delivery = await settledEmail(notificationId);
    expect(delivery).toMatchObject({ status: 'sent', retry_count: 1 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toMatchObject({ text: 'parent@demo-district.schola.dev' });
    expect(mail.subject).toBe('Ana <b> faltou em 2026-12-01');
    expect(mail.headers.get('content-language')).toBe('pt-BR');
    expect(mail.headers.get('x-schola-category')).toBe('attendance');
    expect(mail.messageId).toBe(`<${delivery!.id}@schola.invalid>`);
    expect(mail.text).toContain('Ana <b> Lima & Co teve falta registrada em Demo Elementary');
    expect(mail.html).toContain('Ana &lt;b&gt; Lima &amp; Co teve falta');
    expect(mail.html).not.toContain('<b>');

    const view = await h.inject(admin(), { method: 'GET', url: `/api/v1/notifications/${notificationId}/deliveries` });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      template: 'attendance.absence',
      summary: { email: { sent: 1 } },
      deliveries: [{ channel: 'email', status: 'sent', recipientAccountId: ids.parent, locale: 'pt-BR', attempts: 1 }],
    });
    expect(view.json().deliveries[0].providerMessageId).toBe(mail.messageId);
    // Someone else who may not read the queue does not see it.
    const other = await h.inject(asAccount('teacher'), {
      method: 'GET',
      url: `/api/v1/notifications/${notificationId}/deliveries`,
    });
    expect(other.statusCode).toBe(403);
    await setPreferences('parent', { locale: null });
  });

  it('retries a flaky server with backoff and sends exactly once', async () => {
    smtp.refuseNext(2);
    const { notificationId } = await send(absence([ids.nurse!]));
    const delivery = await settledEmail(notificationId);
    expect(delivery).toMatchObject({ status: 'sent', retry_count: 3, failure_reason: null });
    expect(smtp.attempts).toBe(3);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe('Ana <b> was absent on 2026-12-01');
  });

  it('marks a delivery dead after the last attempt, with the last error', async () => {
    smtp.refuseNext(Infinity);
    const { notificationId } = await send(absence([ids.auditor!]));
    const delivery = await settledEmail(notificationId);
    expect(delivery).toMatchObject({ status: 'dead', retry_count: 3 });
    expect(delivery!.failure_reason).toMatch(/451/);
    expect(smtp.received).toHaveLength(0);
    const [job] = await h.database.query<{ state: string }>(
      `SELECT state FROM pgboss.job WHERE name = $1 AND singleton_key = $2`,
      [DELIVER_TASK, delivery!.id],
    );
    expect(job?.state).toBe('failed');
  });

  it('never sends twice: a delivery run again, or by several jobs at once, sends one message', async () => {
    smtp.delayMs = 300;
    const { notificationId } = await send(absence([ids.school_admin!]));
    const first = await emailOf(notificationId);
    // Four more jobs for the same delivery, without the idempotency key, while the first is under way.
    for (let i = 0; i < 4; i++)
      await h.app.jobs!.enqueue(DELIVER_TASK, { tenantId: h.demo.districtTenantId, deliveryId: first!.id });
    await settledEmail(notificationId);
    // And once more after it was sent.
    await h.app.jobs!.enqueue(DELIVER_TASK, { tenantId: h.demo.districtTenantId, deliveryId: first!.id });
    await until(
      () =>
        h.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pgboss.job
            WHERE name = $1 AND data->>'deliveryId' = $2 AND state IN ('created', 'retry', 'active')`,
          [DELIVER_TASK, first!.id],
        ),
      (rows) => rows[0]!.n === 0,
    );
    expect(smtp.received).toHaveLength(1);
    expect((await emailOf(notificationId))!.status).toBe('sent');
  });
});

describe('preferences, quiet hours and the contact policy', () => {
  function localTime(offsetMinutes: number, timeZone: string): string {
    const at = new Date(Date.now() + offsetMinutes * 60_000);
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      at,
    );
  }

  it('skips a channel and category the recipient opted out of, and sends what they did not', async () => {
    await setPreferences('teacher', { optOuts: ['email:attendance'] });
    const skipped = await send(absence([ids.teacher!], { channels: ['email', 'in_app'] }));
    expect(skipped.deliveries).toEqual({ email: { skipped: 1 }, in_app: { delivered: 1 } });
    expect((await emailOf(skipped.notificationId))!.failure_reason).toBe('opted out of email for attendance');
    // Account messages are what the person asked for: always sent.
    await setPreferences('teacher', { optOuts: ['email:*'] });
    const reset = await send({
      recipients: [ids.teacher!],
      template: 'account.password_reset',
      data: { resetUrl: 'https://schola.example/reset', expiresInMinutes: 30 },
      channels: ['email'],
    });
    expect(reset.deliveries).toEqual({ email: { pending: 1 } });
    await settledEmail(reset.notificationId);
    expect(smtp.received.map((m) => m.subject)).toEqual(['Reset your Schola password']);
    await setPreferences('teacher', { optOuts: [] });
  });

  it('holds e-mail until the quiet hours (tenant time zone) end; a safety alert goes at once', async () => {
    const timeZone = 'America/Sao_Paulo';
    const settings = await h.inject(admin(), {
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      body: { timeZone },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const start = localTime(-60, timeZone);
    const end = localTime(60, timeZone);
    await setPreferences('nurse', { quietHours: { start, end } });

    const quiet = await send(absence([ids.nurse!]));
    const held = await emailOf(quiet.notificationId);
    expect(held!.status).toBe('pending');
    const wait = new Date(held!.scheduled_for!).getTime() - Date.now();
    expect(wait).toBeGreaterThan(55 * 60_000);
    expect(wait).toBeLessThanOrEqual(60 * 60_000);

    const alert = await send({
      recipients: [ids.nurse!],
      template: 'safety.alert',
      data: { title: 'Shelter in place', message: 'Stay inside.', school: 'Demo', issuedAt: 'now' },
      urgency: 'safety',
      channels: ['email'],
    });
    await settledEmail(alert.notificationId);
    expect(smtp.received.map((m) => m.subject)).toEqual(['Safety alert: Shelter in place']);
    expect(smtp.received[0]!.headers.get('priority')).toBe('high');
    expect((await emailOf(quiet.notificationId))!.status).toBe('pending');
    await setPreferences('nurse', { quietHours: null });
    await h.inject(admin(), { method: 'PUT', url: '/api/v1/notifications/settings', body: { timeZone: 'UTC' } });
  });

  it('never e-mails a student under 13 without verified parental consent (COPPA); with it, does', async () => {
    const tenantId = h.demo.districtTenantId;
    const students = await h.database.query<{ id: string }>(
      `SELECT id FROM users.students WHERE tenant_id = $1 ORDER BY id LIMIT 2`,
      [tenantId],
    );
    const [young, consented] = students.map((s) => s.id) as [string, string];
    for (const id of [young, consented])
      await h.database.query(
        `INSERT INTO compliance.coppa_compliance (tenant_id, student_id, is_under_13) VALUES ($1, $2, true)`,
        [tenantId, id],
      );
    await h.database.query(
      `INSERT INTO compliance.parental_consents
         (tenant_id, student_id, consent_type, consent_given, verified_at, consent_date)
       VALUES ($1, $2, 'email_contact', true, now(), now())`,
      [tenantId, consented],
    );
    const account = (email: string, classroomStudentId: string | undefined) =>
      createAccount(h.database, tenantId, {
        email,
        displayName: email,
        roles: ['student'],
        password: 'a-long-enough-password-123',
        ...(classroomStudentId ? { classroomStudentId } : {}),
      });
    const a = await account('young@demo-district.schola.dev', young);
    const b = await account('consented@demo-district.schola.dev', consented);
    const c = await account('unknown-age@demo-district.schola.dev', undefined);

    const result = await send(absence([a.id, b.id, c.id]));
    expect(result.deliveries).toEqual({ email: { skipped: 2, pending: 1 } });
    const rows = await deliveriesOf(result.notificationId);
    const byAccount = Object.fromEntries(rows.map((r) => [r.user_id, r]));
    expect(byAccount[a.id]!.failure_reason).toMatch(/^contact policy: COPPA: /);
    expect(byAccount[c.id]!.failure_reason).toMatch(/age is unknown/);
    await until(
      () => emailOf(result.notificationId).then(() => deliveriesOf(result.notificationId)),
      (all) => all.some((r) => r.status === 'sent'),
    );
    expect(smtp.received.map((m) => (m.to as { text: string }).text)).toEqual(['consented@demo-district.schola.dev']);
  });
});

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

describe('refusals', () => {
  it('refuses unknown recipients, a missing template variable and an unknown template, changing nothing', async () => {
    const before = await h.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.notifications`);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(send(absence([ids.teacher!, unknown]))).rejects.toMatchObject({
      status: 400,
      extras: { validationErrors: { 'recipients[1]': ['is not an account of this tenant'] } },
    });
    await expect(send({ ...absence([ids.teacher!]), data: { school: 'x', date: 'y' } })).rejects.toMatchObject({
      status: 400,
      extras: { validationErrors: { 'data.student': ["is used by template 'attendance.absence'"] } },
    });
    await expect(send({ ...absence([ids.teacher!]), template: 'no.such' })).rejects.toMatchObject({
      status: 404,
      code: 'template_not_found',
    });
    const after = await h.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.notifications`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('templates (administrators)', () => {
  it('adds and changes templates; one that does not compile or is unsafe is refused naming the field', async () => {
    const url = '/api/v1/notifications/templates';
    const body = {
      name: 'library.overdue',
      locale: 'es',
      category: 'academic',
      subject: 'Préstamo vencido: {{title}}',
      body: 'Hola {{recipient.name}}, devuelva {{title}}.',
    };
    const created = await h.inject(admin(), { method: 'POST', url, body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ channel: 'all', version: 1, variables: ['recipient', 'title'] });

    const broken = await h.inject(admin(), { method: 'POST', url, body: { ...body, locale: 'en', body: '{{#open}}' } });
    expect(broken.statusCode).toBe(400);
    expect(Object.keys(broken.json().validationErrors)).toEqual(['body']);
    const unsafe = await h.inject(admin(), {
      method: 'PATCH',
      url: `${url}/${created.json().id}`,
      body: { subject: '{{{title}}}' },
    });
    expect(unsafe.statusCode).toBe(400);
    expect(unsafe.json().validationErrors).toEqual({
      subject: ['unescaped output ({{{title}}} or {{& title}}) is not allowed'],
    });
    const changed = await h.inject(admin(), {
      method: 'PATCH',
      url: `${url}/${created.json().id}`,
      body: { subject: 'Vencido: {{title}}' },
    });
    expect(changed.json()).toMatchObject({ subject: 'Vencido: {{title}}', version: 2 });
    const forbidden = await h.inject(asAccount('teacher'), { method: 'POST', url, body: { ...body, locale: 'en' } });
    expect(forbidden.statusCode).toBe(403);
  });
});
