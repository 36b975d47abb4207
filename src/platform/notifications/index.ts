/**
 * The notification service's entry: `notify(work, …)` for every domain, the contact-policy hook the
 * composition root wires, and the plugin that serves the endpoints and delivers (SMTP or the
 * outbox; webhooks) through the job runner's tasks.
 */
import type { FastifyInstance } from 'fastify';
import type { TaskRetry } from '../jobs/tasks.js';
import { deliveryTasks } from './delivery-task.js';
import { outboxMailer, smtpMailer, type Mailer } from './email.js';
import { NOTIFICATION_PATHS, notificationRoutes } from './routes.js';
import {
  notificationQueue,
  notifications,
  outboxMessages,
  preferences,
  settings,
  templates,
  webhookSubscriptions,
} from './tables.js';

export { notify, type NotifyInput, type NotifyResult } from './notify.js';
export { registerContactPolicy, type ContactDecision, type ContactPolicy, type ContactRecipient } from './policy.js';
export { verifyWebhook, SIGNATURE_HEADER } from './webhook.js';
export { DELIVER_TASK } from './delivery-task.js';
export type { Mailer } from './email.js';

export interface NotificationOptions {
  /** smtp(s)://…; unset = the outbox transport (stored, not sent). */
  smtpUrl?: string;
  mailFrom?: string;
  /** Tests and benches pass their own. */
  mailer?: Mailer;
  retry?: TaskRetry;
  concurrency?: number;
}

export const DEFAULT_MAIL_FROM = 'Schola <no-reply@schola.invalid>';

/** Serves the endpoints; defines the delivery tasks when the server runs a job runner. */
export function notificationsPlugin(options: NotificationOptions = {}) {
  return (app: FastifyInstance) => {
    notificationRoutes(app);
    const jobs = app.jobs;
    if (!jobs) return;
    const mailer = options.mailer ?? (options.smtpUrl ? smtpMailer(options.smtpUrl) : outboxMailer(app.database));
    for (const task of deliveryTasks({
      database: app.database,
      mailer,
      mailFrom: options.mailFrom ?? DEFAULT_MAIL_FROM,
      jobs: () => jobs,
      retry: options.retry,
      concurrency: options.concurrency,
    }))
      jobs.defineTask(task);
    app.addHook('onClose', async () => mailer.close());
  };
}

const P = NOTIFICATION_PATHS;
export const notificationsOwnership = {
  name: 'notifications',
  owns: [
    { table: templates, writeVia: [`POST ${P.templates}`, `PATCH ${P.templates}/{templateId}`] },
    { table: notifications, writeVia: [`POST ${P.base}`, 'notify() from a domain service'] },
    { table: notificationQueue, writeVia: [`POST ${P.base}`, `POST ${P.inbox}/{itemId}/read`] },
    { table: settings, writeVia: [`PUT ${P.settings}`] },
    { table: preferences, writeVia: [`PUT ${P.preferences}`] },
    { table: webhookSubscriptions, writeVia: [`POST ${P.webhooks}`] },
    { table: outboxMessages, writeVia: ['the e-mail outbox transport'] },
  ],
};
