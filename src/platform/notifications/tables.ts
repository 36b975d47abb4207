/**
 * Seed 000 `notifications.*`: message templates and the outgoing notification queue.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, text, timestamp, uuid, type PgColumn } from 'drizzle-orm/pg-core';
import { notificationsSchema } from '../db/pg-schemas.js';
import { bare, checkSql, createdAt, tenantFk, tenantKey, tenantKeys, updatedAt } from '../db/schema-kit.js';

/** Seed 000 documents no value lists; only counters are safely known to be >= 0. */
const nonNegative = (name: string, column: PgColumn) => checkSql(name, sql`${bare(column)} >= 0`);

/** A versioned notification template (subject/body with variables) for one channel. */
// seed: 000_c57cf13880429c4c.txt §notifications.templates
export const templates = notificationsSchema.table(
  'templates',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    bodyTemplate: text('body_template'),
    category: text('category'),
    channel: text('channel'),
    createdBy: text('created_by'),
    description: text('description'),
    isActive: boolean('is_active'),
    name: text('name'),
    subjectTemplate: text('subject_template'),
    variables: jsonb('variables'),
    version: integer('version'),
  },
  (t) => [...tenantKeys('templates', t.tenantId, t.id)],
);

/** A notification waiting to be (or already) sent; user_id may be a teacher or a student: no FK. */
// seed: 000_c57cf13880429c4c.txt §notifications.notification_queue
export const notificationQueue = notificationsSchema.table(
  'notification_queue',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    createdAt: createdAt(),
    channel: text('channel'),
    content: text('content'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    failureReason: text('failure_reason'),
    maxRetries: integer('max_retries'),
    notificationType: text('notification_type'),
    priority: text('priority'),
    recipientAddress: text('recipient_address'),
    retryCount: integer('retry_count'),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    status: text('status'),
    subject: text('subject'),
    templateData: jsonb('template_data'),
    templateId: uuid('template_id'),
    userId: uuid('user_id'),
  },
  (t) => [
    ...tenantKeys('notification_queue', t.tenantId, t.id),
    tenantFk('notification_queue_template_fkey', [t.tenantId, t.templateId], [templates.tenantId, templates.id]),
    nonNegative('notification_queue_max_retries_check', t.maxRetries),
    nonNegative('notification_queue_retry_count_check', t.retryCount),
    // The sender polls pending rows due now.
    index('notification_queue_status_scheduled_idx').on(t.tenantId, t.status, t.scheduledFor),
    index('notification_queue_template_idx').on(t.tenantId, t.templateId),
    index('notification_queue_user_idx').on(t.tenantId, t.userId),
  ],
);
