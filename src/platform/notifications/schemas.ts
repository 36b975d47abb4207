/**
 * What the notification endpoints accept and answer (zod): route validation, the OpenAPI document
 * and the web app's bell share them. No server-only imports here.
 */
import { z } from 'zod';

export const LOCALE_VALUES = ['en', 'pt-BR', 'es'] as const;
export const CATEGORY_VALUES = ['account', 'attendance', 'billing', 'safety', 'academic', 'general'] as const;
export const TEMPLATE_CHANNEL_VALUES = ['all', 'email', 'in_app'] as const;
const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const time = z.string().regex(HH_MM, 'must be a local time HH:MM');
const uuid = (what: string) => z.uuid(`must be a ${what} id`);

export const templateName = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,99}$/, 'must be lower-case letters, digits, ".", "_" or "-" (e.g. attendance.absence)');

export const templateInput = z.strictObject({
  name: templateName,
  locale: z.enum(LOCALE_VALUES),
  /** 'all' serves every channel that has no template of its own. */
  channel: z.enum(TEMPLATE_CHANNEL_VALUES).default('all'),
  category: z.enum(CATEGORY_VALUES),
  /** Mustache, e.g. "{{student.firstName}} was absent". */
  subject: z.string().min(1, 'is required').max(500, 'is too long'),
  body: z.string().min(1, 'is required').max(20_000, 'is too long'),
  description: z.string().max(1000).optional(),
  isActive: z.boolean().default(true),
});
export type TemplateInput = z.input<typeof templateInput>;

export const templatePatch = templateInput
  .pick({ subject: true, body: true, description: true, isActive: true, category: true })
  .partial();

export const templateParams = z.strictObject({ templateId: uuid('template') });
export const templateQuery = z.strictObject({
  name: templateName.optional(),
  locale: z.enum(LOCALE_VALUES).optional(),
});

export const templateView = z.object({
  id: z.string(),
  name: z.string(),
  locale: z.string(),
  channel: z.string(),
  category: z.string(),
  subject: z.string(),
  body: z.string(),
  description: z.string().nullable(),
  isActive: z.boolean(),
  version: z.number(),
  variables: z.array(z.string()),
  updatedAt: z.string(),
});
export const templateList = z.object({ templates: z.array(templateView) });

export const inboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Items created before this instant (paging: the last item's createdAt). */
  before: z.iso.datetime({ offset: true }).optional(),
});
export const inboxItem = z.object({
  id: z.string(),
  notificationId: z.string().nullable(),
  category: z.string().nullable(),
  urgency: z.string().nullable(),
  subject: z.string().nullable(),
  content: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const inboxView = z.object({ unreadCount: z.number(), items: z.array(inboxItem) });
export const inboxItemParams = z.strictObject({ itemId: uuid('inbox item') });
export const markedView = z.object({ marked: z.number(), unreadCount: z.number() });

export const preferencesInput = z.strictObject({
  locale: z.enum(LOCALE_VALUES).nullable().optional(),
  quietHours: z.strictObject({ start: time, end: time }).nullable().optional(),
  /** Channel and category pairs to leave out: "email:billing", "in_app:general", "email:*". */
  optOuts: z
    .array(
      z
        .string()
        .regex(
          new RegExp(`^(email|in_app):(\\*|${CATEGORY_VALUES.join('|')})$`),
          'must be "<email|in_app>:<category|*>"',
        ),
    )
    .max(50)
    .optional(),
});
export const preferencesView = z.object({
  locale: z.string().nullable(),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  optOuts: z.array(z.string()),
});

export const settingsInput = z.strictObject({
  /** IANA time zone, e.g. America/Sao_Paulo: quiet hours are local to it. */
  timeZone: z.string().max(64).optional(),
  defaultLocale: z.enum(LOCALE_VALUES).optional(),
  quietHours: z.strictObject({ start: time, end: time }).nullable().optional(),
  emailFrom: z.string().max(320).nullable().optional(),
});
export const settingsView = z.object({
  timeZone: z.string(),
  defaultLocale: z.string(),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  emailFrom: z.string().nullable(),
});

export const webhookInput = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000),
  categories: z.array(z.enum(CATEGORY_VALUES)).max(10).default([]),
  description: z.string().max(500).optional(),
});
export const webhookView = z.object({
  id: z.string(),
  url: z.string(),
  categories: z.array(z.string()),
  isActive: z.boolean(),
  description: z.string().nullable(),
  /** Only in the answer to its creation. */
  signingSecret: z.string().optional(),
});
export const webhookList = z.object({ webhooks: z.array(webhookView) });
export const webhookParams = z.strictObject({ webhookId: uuid('webhook subscription') });

export const notificationParams = z.strictObject({ notificationId: uuid('notification') });
export const deliveryView = z.object({
  id: z.string(),
  channel: z.string(),
  status: z.string(),
  recipientAccountId: z.string().nullable(),
  recipientAddress: z.string().nullable(),
  locale: z.string().nullable(),
  attempts: z.number(),
  scheduledFor: z.string().nullable(),
  sentAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  failureReason: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  readAt: z.string().nullable(),
});
export const deliveriesView = z.object({
  notificationId: z.string(),
  template: z.string(),
  category: z.string(),
  urgency: z.string(),
  sentBy: z.string(),
  createdAt: z.string(),
  summary: z.record(z.string(), z.record(z.string(), z.number())),
  deliveries: z.array(deliveryView),
});

export const sendInput = z.strictObject({
  recipients: z.array(z.uuid('must be an account id')).min(1, 'name at least one recipient').max(100_000),
  template: templateName,
  data: z.record(z.string(), z.unknown()).default({}),
  urgency: z.enum(['normal', 'high', 'safety']).default('normal'),
  channels: z
    .array(z.enum(['email', 'in_app', 'webhook']))
    .min(1)
    .optional(),
});
export const sendView = z.object({
  notificationId: z.string(),
  deliveries: z.record(z.string(), z.record(z.string(), z.number())),
});
