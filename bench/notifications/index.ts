/**
 * Notification fan-out: notify() of one template to 10,000 accounts in-app (rendered per recipient,
 * one unit of work) against inserting the same rows with plain SQL; and 1,000 e-mails delivered by
 * the job runner's delivery tasks to an SMTP server in this process against nodemailer sending the
 * same messages to it directly, without the queue (same pooled transport, same concurrency).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { createAccessControl } from '../../src/platform/auth/access.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { createJobRunner } from '../../src/platform/jobs/runner.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { deliveryTasks } from '../../src/platform/notifications/delivery-task.js';
import { smtpMailer } from '../../src/platform/notifications/email.js';
import { notify } from '../../src/platform/notifications/index.js';
import { runWork, systemPrincipal } from '../../src/platform/service/work.js';
import { seedNotificationTemplates } from '../../src/demo/notifications.js';
import { startSmtpServer } from '../../test/support/smtp.js';
import { throughput, type Benchmark } from '../lib/harness.js';

const IN_APP = 10_000;
const EMAILS = 1_000;
const CONCURRENCY = 4;
const data = {
  student: { firstName: 'Ana', lastSurname: 'Lima' },
  school: 'Demo Elementary',
  date: '2026-12-01',
};

async function tenantWithAccounts(database: Database, slug: string, count: number) {
  const tenantId = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $2, 'district')`, [
    tenantId,
    slug,
  ]);
  const rows = await database.query<{ id: string }>(
    `INSERT INTO identity.accounts (tenant_id, email, display_name, roles)
     SELECT $1, 'parent' || i || '@bench.schola.dev', 'Parent ' || i, ARRAY['parent']
     FROM generate_series(1, $2::int) AS i RETURNING id`,
    [tenantId, count],
  );
  await seedNotificationTemplates(database, tenantId);
  return { tenantId, accountIds: rows.map((r) => r.id) };
}

const seconds = (since: number) => (performance.now() - since) / 1000;

async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 20));
}

export const benchmark: Benchmark = {
  name: 'notifications',
  description:
    `${IN_APP.toLocaleString('en')} in-app notifications vs plain INSERT; ${EMAILS.toLocaleString('en')} ` +
    `e-mails through the queue vs nodemailer direct`,
  async run({ engine, pgUrl, log }) {
    const database = engine === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: pgUrl! });
    const smtp = await startSmtpServer();
    const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-bench-notify-'));
    try {
      await migrate(database);
      const env = { database, access: createAccessControl() };

      // In-app fan-out.
      const fan = await tenantWithAccounts(database, 'bench-fanout', IN_APP);
      let started = performance.now();
      await runWork(env, systemPrincipal(fan.tenantId, 'bench'), {}, (work) =>
        notify(work, { recipients: fan.accountIds, template: 'attendance.absence', data, channels: ['in_app'] }),
      );
      const notifySeconds = seconds(started);
      log(`notify() in-app to ${IN_APP}: ${notifySeconds.toFixed(2)} s`);

      const plain = await tenantWithAccounts(database, 'bench-plain', IN_APP);
      const subject = 'Ana was absent on 2026-12-01';
      const body = 'Dear Parent,\n\nAna Lima was marked absent from Demo Elementary on 2026-12-01.';
      started = performance.now();
      // One connection, one transaction, 1,000 rows a statement: what a hand-written fan-out would do.
      await database.withSession(async (session) => {
        await session.query('BEGIN');
        for (let i = 0; i < plain.accountIds.length; i += 1000) {
          const batch = plain.accountIds.slice(i, i + 1000);
          const values = batch.map((_, j) => `($1, $${j + 4}, 'in_app', 'delivered', $2, $3, 'en', now())`);
          await session.query(
            `INSERT INTO notifications.notification_queue (tenant_id, user_id, channel, status, subject, content,
              locale, sent_at)
             VALUES ${values.join(', ')}`,
            [plain.tenantId, subject, body, ...batch],
          );
        }
        await session.query('COMMIT');
      });
      const plainSeconds = seconds(started);
      log(`plain INSERT of ${IN_APP} rows: ${plainSeconds.toFixed(2)} s`);

      // E-mail through the queue.
      const mail = await tenantWithAccounts(database, 'bench-mail', EMAILS);
      const mailer = smtpMailer(`${smtp.url}?pool=true&maxConnections=${CONCURRENCY}`);
      const runner = createJobRunner(database, { logger: createLogger('silent'), uploadDir, pollIntervalMs: 50 });
      for (const task of deliveryTasks({
        database,
        mailer,
        mailFrom: 'Schola <no-reply@bench.schola.dev>',
        jobs: () => runner,
        concurrency: CONCURRENCY,
      }))
        runner.defineTask(task);
      await runner.start();
      let queueSeconds: number;
      try {
        started = performance.now();
        await runWork({ ...env, jobs: runner }, systemPrincipal(mail.tenantId, 'bench'), {}, (work) =>
          notify(work, { recipients: mail.accountIds, template: 'attendance.absence', data, channels: ['email'] }),
        );
        await until(async () => smtp.received.length >= EMAILS);
        await until(async () => {
          const [row] = await database.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM notifications.notification_queue WHERE tenant_id = $1 AND status = 'sent'`,
            [mail.tenantId],
          );
          return row!.n >= EMAILS;
        });
        queueSeconds = seconds(started);
      } finally {
        await runner.stop();
        mailer.close();
      }
      log(
        `${EMAILS} e-mails through notify() and the queue: ${queueSeconds.toFixed(2)} s (${smtp.received.length} ` +
          `received)`,
      );

      smtp.reset();
      const direct = nodemailer.createTransport(`${smtp.url}?pool=true&maxConnections=${CONCURRENCY}`);
      started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < EMAILS) {
            const i = next++;
            await direct.sendMail({
              from: 'Schola <no-reply@bench.schola.dev>',
              to: `parent${i + 1}@bench.schola.dev`,
              subject,
              text: body,
              html: `<p>${body}</p>`,
            });
          }
        }),
      );
      const directSeconds = seconds(started);
      direct.close();
      log(`${EMAILS} e-mails by nodemailer directly: ${directSeconds.toFixed(2)} s`);

      return [
        throughput({
          benchmark: 'notifications',
          engine,
          metric: `in-app fan-out, ${IN_APP.toLocaleString('en')} recipients (notify, rendered per recipient)`,
          unit: 'notifications/s',
          value: IN_APP / notifySeconds,
          baselineName: 'plain INSERT of the same rows',
          baseline: IN_APP / plainSeconds,
        }),
        throughput({
          benchmark: 'notifications',
          engine,
          metric:
            `${EMAILS.toLocaleString('en')} e-mails to an in-process SMTP server (queued, ${CONCURRENCY} ` + `workers)`,
          unit: 'e-mails/s',
          value: EMAILS / queueSeconds,
          baselineName: `nodemailer direct, no queue (${CONCURRENCY} at once)`,
          baseline: EMAILS / directSeconds,
        }),
      ];
    } finally {
      await smtp.close();
      await database.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    }
  },
};
