/**
 * Delivery of one e-mail or webhook (a `pending` row of notification_queue) as a background task,
 * `notifications.deliver` { tenantId, deliveryId }, queued with the delivery id as its idempotency
 * key. An attempt
 * 1. claims the row (`pending`/`retrying` → `sending`, attempt counted) in its own statement; a row
 *    already `sent`, `dead` or `skipped` is left alone — a job run twice never sends twice;
 * 2. sends (SMTP or the outbox; the webhook POST);
 * 3. records `sent` with the provider's message id — before the job is acknowledged, so a job whose
 *    acknowledgement is lost finds the row sent when it runs again.
 * A failed attempt records the reason (`retrying`) and fails the job: pg-boss retries it with
 * exponential backoff; after the last attempt the dead letter marks the row `dead`. A refusal that
 * cannot change (SMTP 5xx, webhook 4xx) is `dead` at once. A row left `sending` by a process that
 * died mid-send is claimed again after 10 minutes (sent again with the same Message-ID /
 * Schola-Delivery-Id: receivers can tell).
 *
 * `notifications.sweep` (every 5 minutes) queues again `pending` rows whose job never got queued
 * (the process stopped between commit and queueing, or it ran no job runner).
 */
import type { Database } from '../db/database.js';
import type { JobRunner } from '../jobs/runner.js';
import type { TaskDefinition, TaskRetry } from '../jobs/tasks.js';
import { PermanentDeliveryError, type Mailer } from './email.js';
import { postWebhook } from './webhook.js';

export const DELIVER_TASK = 'notifications.deliver';
export const SWEEP_TASK = 'notifications.sweep';
/** 1 + 6 attempts over about 10 to 20 minutes. */
export const DELIVERY_RETRY: TaskRetry = { limit: 6, delaySeconds: 10, backoff: true };

export interface DeliverPayload {
  tenantId: string;
  deliveryId: string;
}

export interface DeliveryOptions {
  database: Database;
  mailer: Mailer;
  /** The From of e-mails when the tenant's settings name none. */
  mailFrom: string;
  /** The runner the sweep queues on. */
  jobs: () => Pick<JobRunner, 'enqueueMany'> | null;
  retry?: TaskRetry;
  /** Jobs delivered at once per process (SMTP round trips overlap). */
  concurrency?: number;
}

interface Claimed {
  id: string;
  channel: 'email' | 'webhook';
  recipient_address: string;
  subject: string | null;
  content: string | null;
  html_content: string | null;
  locale: string | null;
  category: string | null;
  priority: string | null;
  notification_type: string | null;
  notification_id: string | null;
  template_data: unknown;
  created_at: Date;
  email_from: string | null;
  signing_secret: string | null;
}

// The task works as the connection's owner, outside tenant transactions (as pg-boss does); every
// statement names the tenant.
const CLAIM = `
  UPDATE notifications.notification_queue q
  SET status = 'sending', retry_count = COALESCE(q.retry_count, 0) + 1, last_attempt_at = now()
  WHERE q.tenant_id = $1 AND q.id = $2 AND q.channel IN ('email', 'webhook')
    AND (q.status IN ('pending', 'retrying')
         OR (q.status = 'sending' AND q.last_attempt_at < now() - interval '10 minutes'))
  RETURNING q.id, q.channel, q.recipient_address, q.subject, q.content, q.html_content, q.locale, q.category,
    q.priority, q.notification_type, q.notification_id, q.template_data, q.created_at,
    (SELECT s.email_from FROM notifications.settings s WHERE s.tenant_id = q.tenant_id) AS email_from,
    (SELECT w.signing_secret FROM notifications.webhook_subscriptions w
      WHERE w.tenant_id = q.tenant_id AND w.id = q.subscription_id) AS signing_secret`;

async function record(database: Database, p: DeliverPayload, set: string, values: unknown[]): Promise<void> {
  await database.query(`UPDATE notifications.notification_queue SET ${set} WHERE tenant_id = $1 AND id = $2`, [
    p.tenantId,
    p.deliveryId,
    ...values,
  ]);
}

async function send(options: DeliveryOptions, payload: DeliverPayload, row: Claimed): Promise<string> {
  if (row.channel === 'email') {
    const safety = row.priority === 'safety';
    return options.mailer.send({
      tenantId: payload.tenantId,
      deliveryId: row.id,
      from: row.email_from ?? options.mailFrom,
      to: row.recipient_address,
      subject: row.subject ?? '',
      text: row.content ?? '',
      html: row.html_content ?? '',
      locale: row.locale ?? 'en',
      headers: {
        'X-Schola-Notification': row.notification_id ?? '',
        'X-Schola-Category': row.category ?? 'general',
      },
      priority: safety ? 'high' : 'normal',
    });
  }
  if (!row.signing_secret) throw new PermanentDeliveryError('the webhook subscription no longer exists');
  return postWebhook({
    url: row.recipient_address,
    secret: row.signing_secret,
    deliveryId: row.id,
    body: {
      deliveryId: row.id,
      notificationId: row.notification_id,
      template: row.notification_type,
      category: row.category,
      urgency: row.priority,
      locale: row.locale,
      subject: row.subject,
      content: row.content,
      data: row.template_data,
      createdAt: new Date(row.created_at).toISOString(),
    },
  });
}

export function deliveryTasks(options: DeliveryOptions): TaskDefinition<never>[] {
  const { database } = options;
  const deliver: TaskDefinition<DeliverPayload> = {
    name: DELIVER_TASK,
    retry: options.retry ?? DELIVERY_RETRY,
    concurrency: options.concurrency ?? 4,
    async run(payload) {
      const [row] = await database.query<Claimed>(CLAIM, [payload.tenantId, payload.deliveryId]);
      if (!row) {
        const [current] = await database.query<{ status: string }>(
          `SELECT status FROM notifications.notification_queue WHERE tenant_id = $1 AND id = $2`,
          [payload.tenantId, payload.deliveryId],
        );
        // Another attempt is sending it right now: try again later, when it will have been recorded.
        if (current?.status === 'sending') throw new Error('another attempt is sending this delivery');
        return; // sent, dead or skipped already (or gone)
      }
      let providerId: string;
      try {
        providerId = await send(options, payload, row);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof PermanentDeliveryError) {
          await record(database, payload, `status = 'dead', failed_at = now(), failure_reason = $3`, [reason]);
          return;
        }
        await record(database, payload, `status = 'retrying', failure_reason = $3`, [reason]);
        throw error;
      }
      await record(
        database,
        payload,
        `status = 'sent', sent_at = now(), provider_message_id = $3, failure_reason = NULL, failed_at = NULL`,
        [providerId],
      );
    },
    async deadLettered(payload, failure) {
      await database.query(
        `UPDATE notifications.notification_queue SET status = 'dead', failed_at = now(), failure_reason = $3
         WHERE tenant_id = $1 AND id = $2 AND status NOT IN ('sent', 'dead')`,
        [payload.tenantId, payload.deliveryId, failure.error],
      );
    },
  };
  const sweep: TaskDefinition<Record<string, never>> = {
    name: SWEEP_TASK,
    retry: { limit: 0, delaySeconds: 60, backoff: false },
    schedule: { cron: '*/5 * * * *' },
    async run() {
      const stale = await database.query<{ tenant_id: string; id: string }>(
        `SELECT tenant_id, id FROM notifications.notification_queue
         WHERE status = 'pending' AND channel IN ('email', 'webhook')
           AND COALESCE(scheduled_for, created_at) < now() - interval '5 minutes'
         ORDER BY scheduled_for LIMIT 5000`,
      );
      if (stale.length > 0)
        await options.jobs()?.enqueueMany(
          DELIVER_TASK,
          stale.map((r) => ({ payload: { tenantId: r.tenant_id, deliveryId: r.id }, options: { singletonKey: r.id } })),
        );
    },
  };
  return [deliver, sweep] as TaskDefinition<never>[];
}
