/**
 * notify(work, { recipients, template, data, urgency }): the one service every domain calls to tell
 * people something. In the caller's unit of work it
 * 1. picks the template rows of that name (per locale; a channel's own row before the 'all' row),
 *    and refuses data that lacks a variable they use (400 naming `data.<name>`);
 * 2. reads the recipients' accounts and preferences (unknown ids → 400 naming `recipients[i]`) and
 *    the tenant's settings (time zone, default locale and quiet hours);
 * 3. writes the notification and one delivery row per recipient × channel, rendered in the
 *    recipient's locale: in-app items are delivered at once (the inbox); e-mail is `pending`
 *    (scheduled for the end of quiet hours unless urgency is 'safety') or `skipped` with the reason
 *    (opted out, no address, the contact policy); each active webhook subscription of the category
 *    gets a `pending` delivery;
 * 4. once committed, queues one delivery task per pending row (delivery.ts) and announces the
 *    in-app items (`notifications.in_app`, for the realtime service).
 */
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../service/routes.js';
import type { Work } from '../service/work.js';
import { notificationErrors } from './errors.js';
import { contactPolicy, optedOut, quietHoursEnd } from './policy.js';
import { compileTemplate, emailHtml, renderTemplate } from './render.js';
import { CHANNELS, URGENCIES, notifications, settings, templates, webhookSubscriptions } from './tables.js';
import { DELIVERY_RETRY, DELIVER_TASK, type DeliverPayload } from './delivery-task.js';

export const notifyInput = z.strictObject({
  /** Account ids (identity.accounts). */
  recipients: z.array(z.uuid('must be an account id')).max(100_000, 'at most 100,000 recipients'),
  template: z.string().min(1, 'is required').max(100, 'is too long'),
  data: z.record(z.string(), z.unknown()).default({}),
  urgency: z.enum(URGENCIES).default('normal'),
  /** Default: every channel. */
  channels: z.array(z.enum(CHANNELS)).min(1, 'name at least one channel').optional(),
});
export type NotifyInput = z.input<typeof notifyInput>;

export interface NotifyResult {
  notificationId: string;
  /** channel → status → count */
  deliveries: Record<string, Record<string, number>>;
}

type TemplateRow = typeof templates.$inferSelect;

interface Recipient {
  id: string;
  email: string;
  display_name: string;
  roles: string[];
  status: string;
  edfi_student_usi: number | null;
  classroom_student_id: string | null;
  locale: string | null;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  opt_outs: string[] | null;
}

interface DeliveryRow {
  id: string;
  channel: string;
  status: string;
  user_id: string | null;
  subscription_id: string | null;
  recipient_address: string | null;
  subject: string | null;
  content: string | null;
  html_content: string | null;
  locale: string | null;
  template_id: string | null;
  template_data: unknown;
  scheduled_for: string | null;
  sent_at: string | null;
  failure_reason: string | null;
}

/** The row for `locale` and `channel`: the channel's own before 'all', then the default locale, then English. */
function pick(rows: TemplateRow[], channel: string, locale: string, fallback: string): TemplateRow | undefined {
  for (const l of [locale, fallback, 'en'])
    for (const c of [channel, 'all']) {
      const row = rows.find((r) => r.locale === l && r.channel === c);
      if (row) return row;
    }
  return rows.find((r) => r.channel === channel || r.channel === 'all');
}

function requiredVariables(rows: TemplateRow[]): Set<string> {
  const names = new Set<string>();
  for (const row of rows)
    for (const source of [row.subjectTemplate ?? '', row.bodyTemplate ?? '']) {
      const compiled = compileTemplate(source);
      if ('required' in compiled) for (const v of compiled.required) names.add(v);
    }
  names.delete('recipient');
  return names;
}

export async function notify(work: Work, input: NotifyInput): Promise<NotifyResult> {
  const { recipients, template, data, urgency, channels } = parseInput(notifyInput, input);
  const wanted = new Set(channels ?? CHANNELS);
  const { tx, tenantId, now } = work;

  const rows = await tx
    .select()
    .from(templates)
    .where(and(eq(templates.name, template), or(isNull(templates.isActive), eq(templates.isActive, true))));
  if (rows.length === 0) throw notificationErrors.template_not_found(`No active template named '${template}'.`);
  const category = rows[0]!.category ?? 'general';
  const missing = [...requiredVariables(rows)].filter((name) => !(name in data));
  if (missing.length > 0)
    throw AppError.validation(
      Object.fromEntries(missing.map((name) => [`data.${name}`, [`is used by template '${template}'`]])),
    );

  const [tenantSettings] = await tx.select().from(settings);
  const timeZone = tenantSettings?.timeZone ?? 'UTC';
  const defaultLocale = tenantSettings?.defaultLocale ?? 'en';

  const ids = [...new Set(recipients)];
  const people = ids.length
    ? rowsOf<Recipient>(
        await tx.execute(sql`
          SELECT a.id, a.email, a.display_name, a.roles, a.status, a.edfi_student_usi, a.classroom_student_id,
                 p.locale, p.quiet_hours_start, p.quiet_hours_end, p.opt_outs
          FROM identity.accounts a
          LEFT JOIN notifications.preferences p ON p.tenant_id = a.tenant_id AND p.account_id = a.id
          WHERE a.tenant_id = ${tenantId} AND a.id = ANY(${`{${ids.join(',')}}`}::uuid[])`),
      )
    : [];
  if (people.length < ids.length) {
    const found = new Set(people.map((p) => p.id));
    const errors: Record<string, string[]> = {};
    recipients.forEach((id, i) => {
      if (!found.has(id)) errors[`recipients[${i}]`] = ['is not an account of this tenant'];
    });
    throw AppError.validation(errors);
  }

  const [notification] = await tx
    .insert(notifications)
    .values({ tenantId, templateName: template, category, urgency, sentBy: work.principal.actorId, createdAt: now })
    .returning({ id: notifications.id });
  const notificationId = notification!.id;
  const deliveries: DeliveryRow[] = [];
  const live: string[] = [];
  const at = now.toISOString();
  const base = {
    subscription_id: null,
    html_content: null,
    template_data: null,
    scheduled_for: null,
    sent_at: null,
    failure_reason: null,
  };

  for (const person of people) {
    if (person.status !== 'active') continue;
    const locale = person.locale ?? defaultLocale;
    const personal = { ...data, recipient: { name: person.display_name } };
    const quietUntil =
      urgency === 'safety'
        ? undefined
        : quietHoursEnd(
            now,
            timeZone,
            person.quiet_hours_start ?? tenantSettings?.quietHoursStart ?? null,
            person.quiet_hours_end ?? tenantSettings?.quietHoursEnd ?? null,
          );
    for (const channel of ['in_app', 'email'] as const) {
      if (!wanted.has(channel)) continue;
      const row = pick(rows, channel, locale, defaultLocale);
      if (!row) continue;
      const rendered = {
        ...base,
        id: crypto.randomUUID(),
        channel,
        user_id: person.id,
        template_id: row.id,
        locale: row.locale,
        subject: renderTemplate(row.subjectTemplate ?? '', personal, 'text'),
        content: renderTemplate(row.bodyTemplate ?? '', personal, 'text'),
      };
      const skip = (reason: string) =>
        deliveries.push({ ...rendered, status: 'skipped', recipient_address: null, failure_reason: reason });
      if (optedOut(person.opt_outs ?? [], channel, category)) {
        skip(`opted out of ${channel} for ${category}`);
        continue;
      }
      if (channel === 'in_app') {
        deliveries.push({ ...rendered, status: 'delivered', recipient_address: null, sent_at: at });
        if (!quietUntil) live.push(person.id);
        continue;
      }
      const decision = await contactPolicy().mayEmail(
        tx,
        {
          tenantId,
          accountId: person.id,
          roles: person.roles,
          edfiStudentUsi: person.edfi_student_usi,
          classroomStudentId: person.classroom_student_id,
        },
        now,
      );
      if (!decision.allowed) {
        skip(`contact policy: ${decision.reason}`);
        continue;
      }
      deliveries.push({
        ...rendered,
        status: 'pending',
        recipient_address: person.email,
        html_content: emailHtml(row.bodyTemplate ?? '', personal, row.locale),
        scheduled_for: (quietUntil ?? now).toISOString(),
      });
    }
  }

  if (wanted.has('webhook')) {
    const subscriptions = await tx
      .select()
      .from(webhookSubscriptions)
      .where(
        and(
          eq(webhookSubscriptions.isActive, true),
          or(
            sql`cardinality(${webhookSubscriptions.categories}) = 0`,
            sql`${category} = ANY(${webhookSubscriptions.categories})`,
          ),
        ),
      );
    const row = pick(rows, 'webhook', defaultLocale, defaultLocale);
    for (const subscription of subscriptions)
      deliveries.push({
        ...base,
        id: crypto.randomUUID(),
        channel: 'webhook',
        status: 'pending',
        user_id: null,
        subscription_id: subscription.id,
        recipient_address: subscription.url,
        template_id: row?.id ?? null,
        locale: row?.locale ?? null,
        subject: row ? renderTemplate(row.subjectTemplate ?? '', data, 'text') : null,
        content: row ? renderTemplate(row.bodyTemplate ?? '', data, 'text') : null,
        template_data: data,
        scheduled_for: at,
      });
  }

  if (deliveries.length > 0) {
    // One statement, the rows as one JSON parameter: fan-out to thousands stays one round trip.
    await tx.execute(sql`
      INSERT INTO notifications.notification_queue (tenant_id, notification_id, notification_type, category, priority,
        max_retries, retry_count, created_at, id, channel, status, user_id, subscription_id, recipient_address,
        subject, content, html_content, locale, template_id, template_data, scheduled_for, sent_at, failure_reason)
      SELECT ${tenantId}, ${notificationId}, ${template}, ${category}, ${urgency}, ${DELIVERY_RETRY.limit + 1}, 0,
        ${at}::timestamptz, r.*
      FROM jsonb_to_recordset(${JSON.stringify(deliveries)}::jsonb) AS r(id uuid, channel text, status text,
        user_id uuid, subscription_id uuid, recipient_address text, subject text, content text, html_content text,
        locale text, template_id uuid, template_data jsonb, scheduled_for timestamptz, sent_at timestamptz,
        failure_reason text)`);
  }
  await tx
    .update(notifications)
    .set({ recipientCount: people.length })
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.id, notificationId)));

  for (const d of deliveries)
    if (d.status === 'pending')
      work.enqueue<DeliverPayload>(
        DELIVER_TASK,
        { tenantId, deliveryId: d.id },
        { singletonKey: d.id, startAfter: new Date(d.scheduled_for!) },
      );
  if (live.length > 0)
    work.announce({
      topic: 'notifications.in_app',
      accountIds: live,
      payload: { notificationId, category, urgency },
    });

  const counts: Record<string, Record<string, number>> = {};
  for (const d of deliveries) {
    const byStatus = (counts[d.channel] ??= {});
    byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
  }
  return { notificationId, deliveries: counts };
}
