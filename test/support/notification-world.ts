/**
 * The world of the notification delivery tests (src/platform/notifications/*-delivery.test.ts and
 * templates-and-refusals.test.ts): the demo district with the job runner, sending e-mail to a real
 * SMTP server in this process (smtp-server; messages parsed with mailparser), and the helpers they
 * share — send a notification, read its deliveries, wait for them to settle, set preferences.
 * `useNotificationWorld()` starts it for the calling test file; `h`, `smtp` and `ids` are live
 * bindings, set once it has started.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { notify, type NotifyInput } from '../../src/platform/notifications/index.js';
import { domainHarness, type DomainHarness } from './domain.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';

export let h: DomainHarness;
export let smtp: TestSmtpServer;
/** The first account of each role in the demo district. */
export const ids: Record<string, string> = {};

export function useNotificationWorld(): void {
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
}

export const admin = () => h.principal(['district_admin'], { actorId: ids.district_admin! });
export const asAccount = (role: string) => h.principal([role as 'teacher'], { actorId: ids[role]! });

export async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Delivery {
  id: string;
  channel: string;
  status: string;
  retry_count: number;
  failure_reason: string | null;
  provider_message_id: string | null;
  scheduled_for: Date | null;
  user_id: string | null;
}
export const deliveriesOf = (notificationId: string) =>
  h.database.query<Delivery>(
    `SELECT id, channel, status, retry_count, failure_reason, provider_message_id, scheduled_for, user_id
     FROM notifications.notification_queue WHERE notification_id = $1 ORDER BY channel, id`,
    [notificationId],
  );
export const emailOf = async (notificationId: string) =>
  (await deliveriesOf(notificationId)).find((d) => d.channel === 'email');
export const settledEmail = (notificationId: string) =>
  until(
    () => emailOf(notificationId),
    (d) => d?.status === 'sent' || d?.status === 'dead',
  );

export const send = (input: NotifyInput, principal = admin()) => h.work(principal, (work) => notify(work, input));
export const absence = (recipients: string[], extra: Partial<NotifyInput> = {}): NotifyInput => ({
  recipients,
  template: 'attendance.absence',
  data: { student: { firstName: 'Ana <b>', lastSurname: 'Lima & Co' }, school: 'Demo Elementary', date: '2026-12-01' },
  channels: ['email'],
  ...extra,
});

export async function setPreferences(role: string, body: Record<string, unknown>) {
  const response = await h.inject(asAccount(role), { method: 'PUT', url: '/api/v1/notifications/preferences', body });
  expect(response.statusCode, response.body).toBe(200);
}
