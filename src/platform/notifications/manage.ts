/**
 * What administrators manage: templates (validated: a template that does not compile or is unsafe is
 * refused with 400 naming `subject` or `body`), the tenant's settings and webhook subscriptions. Each
 * operation is authorized by the policy engine on its table (administrators by the default policies)
 * and audited.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../http/errors.js';
import { parseInput } from '../service/routes.js';
import type { Work } from '../service/work.js';
import { isTimeZone } from './policy.js';
import { compileTemplate } from './render.js';
import {
  settingsInput,
  templateInput,
  templatePatch,
  templateQuery,
  webhookInput,
  type settingsView,
  type templateView,
  type webhookView,
} from './schemas.js';
import { settings, templates, webhookSubscriptions } from './tables.js';

type TemplateView = z.infer<typeof templateView>;

function variablesOf(subject: string, body: string): string[] {
  const problems: Record<string, string[]> = {};
  const names = new Set<string>();
  for (const [field, source] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    const compiled = compileTemplate(source);
    if ('problems' in compiled) problems[field] = compiled.problems;
    else for (const v of compiled.variables) names.add(v);
  }
  if (Object.keys(problems).length > 0) throw AppError.validation(problems);
  return [...names].sort();
}

function templateViewOf(row: typeof templates.$inferSelect): TemplateView {
  return {
    id: row.id,
    name: row.name ?? '',
    locale: row.locale,
    channel: row.channel ?? 'all',
    category: row.category ?? 'general',
    subject: row.subjectTemplate ?? '',
    body: row.bodyTemplate ?? '',
    description: row.description,
    isActive: row.isActive ?? true,
    version: row.version ?? 1,
    variables: Array.isArray(row.variables) ? (row.variables as string[]) : [],
    updatedAt: (row.updatedAt ?? row.createdAt ?? new Date(0)).toISOString(),
  };
}

export async function listTemplates(work: Work, query: unknown): Promise<{ templates: TemplateView[] }> {
  const { name, locale } = parseInput(templateQuery, query);
  await work.authorize(templates, 'read');
  const rows = await work.tx
    .select()
    .from(templates)
    .where(and(name ? eq(templates.name, name) : undefined, locale ? eq(templates.locale, locale) : undefined))
    .orderBy(asc(templates.name), asc(templates.locale), asc(templates.channel));
  return { templates: rows.map(templateViewOf) };
}

export async function createTemplate(work: Work, input: unknown): Promise<TemplateView> {
  const t = parseInput(templateInput, input);
  const variables = variablesOf(t.subject, t.body);
  await work.authorize(templates, 'write');
  const [row] = await work.tx
    .insert(templates)
    .values({
      tenantId: work.tenantId,
      name: t.name,
      locale: t.locale,
      channel: t.channel,
      category: t.category,
      subjectTemplate: t.subject,
      bodyTemplate: t.body,
      description: t.description ?? null,
      isActive: t.isActive,
      version: 1,
      variables,
      createdBy: work.principal.actorId,
      createdAt: work.now,
      updatedAt: work.now,
    })
    .returning();
  await work.audit({ table: templates, recordId: row!.id, operation: 'INSERT', newValues: templateViewOf(row!) });
  return templateViewOf(row!);
}

/** A change makes a new version of the same row (the version number counts the edits). */
export async function updateTemplate(work: Work, id: string, input: unknown): Promise<TemplateView> {
  const patch = parseInput(templatePatch, input);
  await work.authorize(templates, 'write');
  const [current] = await work.tx.select().from(templates).where(eq(templates.id, id)).for('update');
  if (!current) throw new AppError('not_found', 'No such notification template.');
  const subject = patch.subject ?? current.subjectTemplate ?? '';
  const body = patch.body ?? current.bodyTemplate ?? '';
  const variables = variablesOf(subject, body);
  const [row] = await work.tx
    .update(templates)
    .set({
      subjectTemplate: subject,
      bodyTemplate: body,
      variables,
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      version: (current.version ?? 1) + 1,
      updatedAt: work.now,
    })
    .where(eq(templates.id, id))
    .returning();
  await work.audit({
    table: templates,
    recordId: id,
    operation: 'UPDATE',
    oldValues: templateViewOf(current),
    newValues: templateViewOf(row!),
  });
  return templateViewOf(row!);
}

type SettingsView = z.infer<typeof settingsView>;

export async function getSettings(work: Work): Promise<SettingsView> {
  await work.authorize(settings, 'read');
  const [row] = await work.tx.select().from(settings);
  return {
    timeZone: row?.timeZone ?? 'UTC',
    defaultLocale: row?.defaultLocale ?? 'en',
    quietHours:
      row?.quietHoursStart && row.quietHoursEnd ? { start: row.quietHoursStart, end: row.quietHoursEnd } : null,
    emailFrom: row?.emailFrom ?? null,
  };
}

export async function updateSettings(work: Work, input: unknown): Promise<SettingsView> {
  const s = parseInput(settingsInput, input);
  if (s.timeZone !== undefined && !isTimeZone(s.timeZone))
    throw AppError.validation({ timeZone: ['is not an IANA time zone (e.g. America/Sao_Paulo)'] });
  await work.authorize(settings, 'write');
  const values = {
    ...(s.timeZone !== undefined ? { timeZone: s.timeZone } : {}),
    ...(s.defaultLocale !== undefined ? { defaultLocale: s.defaultLocale } : {}),
    ...(s.quietHours !== undefined
      ? { quietHoursStart: s.quietHours?.start ?? null, quietHoursEnd: s.quietHours?.end ?? null }
      : {}),
    ...(s.emailFrom !== undefined ? { emailFrom: s.emailFrom } : {}),
    updatedAt: work.now,
  };
  await work.tx
    .insert(settings)
    .values({ tenantId: work.tenantId, ...values })
    .onConflictDoUpdate({ target: settings.tenantId, set: values });
  await work.audit({ table: settings, recordId: work.tenantId, operation: 'UPDATE', newValues: values });
  return getSettings(work);
}

type WebhookView = z.infer<typeof webhookView>;
const webhookViewOf = (row: typeof webhookSubscriptions.$inferSelect): WebhookView => ({
  id: row.id,
  url: row.url,
  categories: row.categories,
  isActive: row.isActive,
  description: row.description,
});

/** The signing secret is answered once, here; later reads never show it. */
export async function createWebhook(work: Work, input: unknown): Promise<WebhookView> {
  const w = parseInput(webhookInput, input);
  await work.authorize(webhookSubscriptions, 'write');
  const signingSecret = `whsec_${randomBytes(24).toString('base64url')}`;
  const [row] = await work.tx
    .insert(webhookSubscriptions)
    .values({
      tenantId: work.tenantId,
      url: w.url,
      categories: w.categories,
      description: w.description ?? null,
      signingSecret,
      createdAt: work.now,
    })
    .returning();
  await work.audit({
    table: webhookSubscriptions,
    recordId: row!.id,
    operation: 'INSERT',
    newValues: webhookViewOf(row!),
  });
  return { ...webhookViewOf(row!), signingSecret };
}

export async function listWebhooks(work: Work): Promise<{ webhooks: WebhookView[] }> {
  await work.authorize(webhookSubscriptions, 'read');
  const rows = await work.tx.select().from(webhookSubscriptions).orderBy(asc(webhookSubscriptions.createdAt));
  return { webhooks: rows.map(webhookViewOf) };
}

export async function deactivateWebhook(work: Work, id: string): Promise<WebhookView> {
  await work.authorize(webhookSubscriptions, 'write');
  const [row] = await work.tx
    .update(webhookSubscriptions)
    .set({ isActive: false })
    .where(eq(webhookSubscriptions.id, id))
    .returning();
  if (!row) throw new AppError('not_found', 'No such webhook subscription.');
  await work.audit({ table: webhookSubscriptions, recordId: id, operation: 'UPDATE', newValues: { isActive: false } });
  return webhookViewOf(row);
}
