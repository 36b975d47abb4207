/**
 * Notifications (a platform service, notify.ts): seed 000's `notifications.templates` (per name,
 * locale and channel) and `notifications.notification_queue` (one row per recipient × channel: the
 * delivery, and for `in_app` the inbox item), plus what delivery needs besides — the notification a
 * sender sent, each account's preferences, the tenant's settings (time zone, quiet hours), webhook
 * subscriptions and the e-mail outbox of the log-only transport.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notificationsSchema } from '../db/pg-schemas.js';
import {
  bare,
  checkIn,
  checkNonNegative,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../db/schema-kit.js';
import { accounts } from '../identity/tables.js';
import { CATEGORY_VALUES, LOCALE_VALUES, TEMPLATE_CHANNEL_VALUES } from './schemas.js';

// Seed 000 documents no value lists; only counters are safely known to be >= 0 (checkNonNegative).

// The value lists are declared once, with the endpoints' schemas.
const LOCALES = LOCALE_VALUES;
const CATEGORIES = CATEGORY_VALUES;
/** What a template's row serves: every channel, or one that overrides it. */
const TEMPLATE_CHANNELS = TEMPLATE_CHANNEL_VALUES;
export const CHANNELS = ['email', 'in_app', 'webhook'] as const;
export const URGENCIES = ['normal', 'high', 'safety'] as const;
export const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'sent', 'delivered', 'skipped', 'dead'] as const;
const HH_MM = `'^([01][0-9]|2[0-3]):[0-5][0-9]$'`;

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
    /** Schola: one row per name, locale and channel ('all' serves every channel without its own). */
    locale: text('locale').notNull().default('en'),
  },
  (t) => [
    ...tenantKeys('templates', t.tenantId, t.id),
    tenantUnique('templates_name_locale_channel_key', t.tenantId, t.name, t.locale, t.channel),
    checkIn('templates_locale_check', t.locale, LOCALES),
    checkIn('templates_channel_check', t.channel, TEMPLATE_CHANNELS),
    checkIn('templates_category_check', t.category, CATEGORIES),
  ],
);

/** One call of notify(): what was sent, by whom, to how many. */
export const notifications = notificationsSchema.table(
  'notifications',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    templateName: text('template_name').notNull(),
    category: text('category').notNull(),
    urgency: text('urgency').notNull().default('normal'),
    /** The principal who sent it (account id, client id or system:<name>). */
    sentBy: text('sent_by').notNull(),
    recipientCount: integer('recipient_count').notNull().default(0),
    createdAt: createdAt().notNull(),
  },
  (t) => [
    ...tenantKeys('notifications', t.tenantId, t.id),
    checkIn('notifications_urgency_check', t.urgency, URGENCIES),
    checkIn('notifications_category_check', t.category, CATEGORIES),
    index('notifications_sent_by_idx').on(t.tenantId, t.sentBy, t.createdAt),
  ],
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
    /** Schola: the recipient's account (identity.accounts.id); null for a webhook. */
    userId: uuid('user_id'),
    /** Schola: the notify() call this delivery belongs to. */
    notificationId: uuid('notification_id'),
    /** Schola: the webhook subscription of a webhook delivery. */
    subscriptionId: uuid('subscription_id'),
    category: text('category'),
    locale: text('locale'),
    /** The e-mail's HTML part (the body rendered with HTML escaping). */
    htmlContent: text('html_content'),
    /** What the provider answered when it took the message (SMTP Message-ID, HTTP status). */
    providerMessageId: text('provider_message_id'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /** In-app: when the recipient marked it read. */
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    ...tenantKeys('notification_queue', t.tenantId, t.id),
    tenantFk('notification_queue_template_fkey', [t.tenantId, t.templateId], [templates.tenantId, templates.id]),
    tenantFk(
      'notification_queue_notification_fkey',
      [t.tenantId, t.notificationId],
      [notifications.tenantId, notifications.id],
    ),
    checkNonNegative('notification_queue_max_retries_check', t.maxRetries),
    checkNonNegative('notification_queue_retry_count_check', t.retryCount),
    checkIn('notification_queue_channel_check', t.channel, CHANNELS),
    checkIn('notification_queue_status_check', t.status, DELIVERY_STATUSES),
    // The sender polls pending rows due now.
    index('notification_queue_status_scheduled_idx').on(t.tenantId, t.status, t.scheduledFor),
    index('notification_queue_template_idx').on(t.tenantId, t.templateId),
    index('notification_queue_user_idx').on(t.tenantId, t.userId),
    index('notification_queue_notification_idx').on(t.tenantId, t.notificationId),
    // The inbox: an account's in-app items, newest first; the unread count.
    index('notification_queue_inbox_idx').on(t.tenantId, t.userId, t.channel, t.createdAt),
    index('notification_queue_unread_idx')
      .on(t.tenantId, t.userId)
      .where(sql`${bare(t.channel)} = 'in_app' AND ${bare(t.readAt)} IS NULL`),
  ],
);

/** The tenant's notification settings: time zone (quiet hours are local), default locale and quiet hours. */
export const settings = notificationsSchema.table(
  'settings',
  {
    tenantId: tenantKey(),
    timeZone: text('time_zone').notNull().default('UTC'),
    defaultLocale: text('default_locale').notNull().default('en'),
    /** Default quiet hours of accounts without their own ('HH:MM', local time; null = none). */
    quietHoursStart: text('quiet_hours_start'),
    quietHoursEnd: text('quiet_hours_end'),
    emailFrom: text('email_from'),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('settings', t.tenantId),
    checkIn('settings_default_locale_check', t.defaultLocale, LOCALES),
    checkSql('settings_quiet_hours_start_check', sql`${bare(t.quietHoursStart)} ~ ${sql.raw(HH_MM)}`),
    checkSql('settings_quiet_hours_end_check', sql`${bare(t.quietHoursEnd)} ~ ${sql.raw(HH_MM)}`),
  ],
);

/** An account's preferences: locale, quiet hours, and the channel × category pairs it opted out of. */
export const preferences = notificationsSchema.table(
  'preferences',
  {
    tenantId: tenantKey(),
    accountId: uuid('account_id').notNull(),
    locale: text('locale'),
    quietHoursStart: text('quiet_hours_start'),
    quietHoursEnd: text('quiet_hours_end'),
    /** 'email:billing', 'in_app:general', or 'email:*' for every category of a channel. */
    optOuts: text('opt_outs')
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('preferences', t.tenantId, t.accountId),
    tenantFk('preferences_account_fkey', [t.tenantId, t.accountId], [accounts.tenantId, accounts.id], 'cascade'),
    checkIn('preferences_locale_check', t.locale, LOCALES),
    checkSql('preferences_quiet_hours_start_check', sql`${bare(t.quietHoursStart)} ~ ${sql.raw(HH_MM)}`),
    checkSql('preferences_quiet_hours_end_check', sql`${bare(t.quietHoursEnd)} ~ ${sql.raw(HH_MM)}`),
  ],
);

/** An external URL that receives the tenant's notifications as signed webhooks. */
export const webhookSubscriptions = notificationsSchema.table(
  'webhook_subscriptions',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    url: text('url').notNull(),
    /** The HMAC-SHA256 key of the signature header; shown once, at creation. */
    signingSecret: text('signing_secret').notNull(),
    /** Categories it receives; empty = all. */
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`ARRAY[]::text[]`),
    isActive: boolean('is_active').notNull().default(true),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('webhook_subscriptions', t.tenantId, t.id),
    checkSql('webhook_subscriptions_url_check', sql`${bare(t.url)} ~ '^https?://'`),
  ],
);

/** E-mails taken by the log-only transport (no SMTP server configured): the demo works offline. */
export const outboxMessages = notificationsSchema.table(
  'outbox_messages',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    deliveryId: uuid('delivery_id'),
    messageId: text('message_id').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    /** The whole RFC 5322 message as it would have been sent. */
    raw: text('raw').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('outbox_messages', t.tenantId, t.id),
    index('outbox_messages_delivery_idx').on(t.tenantId, t.deliveryId),
  ],
);
