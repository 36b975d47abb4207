/**
 * Notification e-mail against a real SMTP server in this process, on the demo district with the job
 * runner: the message as received (headers, locale, body, escaping), retries of a flaky server without
 * duplicates, the dead letter, a delivery run twice and concurrently sent once; preferences, quiet
 * hours and the COPPA contact policy deciding what is sent.
 */
import { describe, expect, it } from 'vitest';
import {
  absence,
  admin,
  asAccount,
  deliveriesOf,
  emailOf,
  h,
  ids,
  send,
  setPreferences,
  settledEmail,
  smtp,
  until,
  useNotificationWorld,
} from '../../../test/support/notification-world.js';
import { createAccount } from '../identity/service.js';
import { DELIVER_TASK } from './index.js';

useNotificationWorld();

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
