/**
 * What a person sees of their notifications — the in-app inbox (newest first, unread count, mark
 * read) and their preferences — and what a sender sees of a notification they sent: its delivery
 * status per recipient and channel. The inbox and preferences are the signed-in account's own
 * (row-level security keeps the tenant; the account id keeps the person).
 */
import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../http/errors.js';
import { parseInput } from '../service/routes.js';
import type { Work } from '../service/work.js';
import { notificationErrors } from './errors.js';
import { inboxQuery, preferencesInput, type deliveriesView, type inboxView, type preferencesView } from './schemas.js';
import { notificationQueue as queue, notifications, preferences } from './tables.js';

function accountOf(work: Work): string {
  if (work.principal.kind !== 'user') throw notificationErrors.not_an_account('Sign in as a person to use an inbox.');
  return work.principal.actorId;
}

const mine = (accountId: string) => and(eq(queue.userId, accountId), eq(queue.channel, 'in_app'));
const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function unreadCount(work: Work, accountId: string): Promise<number> {
  const [row] = await work.tx
    .select({ n: count() })
    .from(queue)
    .where(and(mine(accountId), isNull(queue.readAt)));
  return Number(row?.n ?? 0);
}

export async function inbox(work: Work, query: unknown): Promise<z.infer<typeof inboxView>> {
  const q = parseInput(inboxQuery, query);
  const accountId = accountOf(work);
  const rows = await work.tx
    .select()
    .from(queue)
    .where(
      and(
        mine(accountId),
        q.unread === 'true' ? isNull(queue.readAt) : undefined,
        q.before ? lt(queue.createdAt, new Date(q.before)) : undefined,
      ),
    )
    .orderBy(desc(queue.createdAt), desc(queue.id))
    .limit(q.limit);
  return {
    unreadCount: await unreadCount(work, accountId),
    items: rows.map((r) => ({
      id: r.id,
      notificationId: r.notificationId,
      category: r.category,
      urgency: r.priority,
      subject: r.subject,
      content: r.content,
      createdAt: iso(r.createdAt)!,
      readAt: iso(r.readAt),
    })),
  };
}

/** Marks one item (or, without an id, every unread item) read; marking twice changes nothing. */
export async function markRead(work: Work, itemId?: string): Promise<{ marked: number; unreadCount: number }> {
  const accountId = accountOf(work);
  if (itemId) {
    const [item] = await work.tx
      .select({ id: queue.id })
      .from(queue)
      .where(and(mine(accountId), eq(queue.id, itemId)));
    if (!item) throw new AppError('not_found', 'No such item in your inbox.');
  }
  const marked = await work.tx
    .update(queue)
    .set({ readAt: work.now })
    .where(and(mine(accountId), isNull(queue.readAt), itemId ? eq(queue.id, itemId) : undefined))
    .returning({ id: queue.id });
  return { marked: marked.length, unreadCount: await unreadCount(work, accountId) };
}

type PreferencesView = z.infer<typeof preferencesView>;

export async function getPreferences(work: Work): Promise<PreferencesView> {
  const accountId = accountOf(work);
  const [row] = await work.tx.select().from(preferences).where(eq(preferences.accountId, accountId));
  return {
    locale: row?.locale ?? null,
    quietHours:
      row?.quietHoursStart && row.quietHoursEnd ? { start: row.quietHoursStart, end: row.quietHoursEnd } : null,
    optOuts: row?.optOuts ?? [],
  };
}

export async function updatePreferences(work: Work, input: unknown): Promise<PreferencesView> {
  const p = parseInput(preferencesInput, input);
  const accountId = accountOf(work);
  const values = {
    ...(p.locale !== undefined ? { locale: p.locale } : {}),
    ...(p.quietHours !== undefined
      ? { quietHoursStart: p.quietHours?.start ?? null, quietHoursEnd: p.quietHours?.end ?? null }
      : {}),
    ...(p.optOuts !== undefined ? { optOuts: [...new Set(p.optOuts)].sort() } : {}),
    updatedAt: work.now,
  };
  await work.tx
    .insert(preferences)
    .values({ tenantId: work.tenantId, accountId, ...values })
    .onConflictDoUpdate({ target: [preferences.tenantId, preferences.accountId], set: values });
  return getPreferences(work);
}

/** The sender of a notification sees its deliveries; anyone else needs the policy engine's read. */
export async function deliveries(work: Work, notificationId: string): Promise<z.infer<typeof deliveriesView>> {
  const [notification] = await work.tx.select().from(notifications).where(eq(notifications.id, notificationId));
  if (!notification) throw new AppError('not_found', 'No such notification.');
  if (notification.sentBy !== work.principal.actorId) await work.authorize(queue, 'read');
  const rows = await work.tx
    .select()
    .from(queue)
    .where(eq(queue.notificationId, notificationId))
    .orderBy(queue.channel, sql`${queue.userId} NULLS LAST`, queue.id);
  const summary: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const byStatus = (summary[r.channel ?? '?'] ??= {});
    byStatus[r.status ?? '?'] = (byStatus[r.status ?? '?'] ?? 0) + 1;
  }
  return {
    notificationId,
    template: notification.templateName,
    category: notification.category,
    urgency: notification.urgency,
    sentBy: notification.sentBy,
    createdAt: notification.createdAt.toISOString(),
    summary,
    deliveries: rows.map((r) => ({
      id: r.id,
      channel: r.channel ?? '',
      status: r.status ?? '',
      recipientAccountId: r.userId,
      recipientAddress: r.recipientAddress,
      locale: r.locale,
      attempts: r.retryCount ?? 0,
      scheduledFor: iso(r.scheduledFor),
      sentAt: iso(r.sentAt),
      failedAt: iso(r.failedAt),
      failureReason: r.failureReason,
      providerMessageId: r.providerMessageId,
      readAt: iso(r.readAt),
    })),
  };
}
