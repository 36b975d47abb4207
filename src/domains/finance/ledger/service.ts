/**
 * Manual journal entries: drafts are created, edited and deleted freely; posting assigns the next
 * number of the organisation (gapless, journal.ts) and makes the entry immutable; a posted entry is
 * corrected by a reversal — a new posted entry with the lines swapped, linked both ways to the original,
 * which becomes `reversed`. The database enforces the same rules (migration 0024_ledger_immutability).
 */
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { chartOfAccounts, journalEntries, journalEntryLines } from '../tables.js';
import { ledgerErrors } from './errors.js';
import { insertDraft, insertLines, postDraft, type DraftLine, type EntryRow } from './journal.js';
import {
  createEntryInput,
  listEntriesQuery,
  reverseEntryInput,
  updateEntryInput,
  type CreateEntryInput,
  type JournalEntryView,
  type ListEntriesQuery,
  type ReverseEntryInput,
  type UpdateEntryInput,
} from './schemas.js';

/** The organisation an operation concerns: the given one (of this tenant), or the tenant's only one. */
export async function resolveOrganization(work: Work, organizationId?: string): Promise<string> {
  // core has no entry module: its table is read by name (the tenant's organisations).
  const rows = rowsOf<{ id: string }>(
    await work.tx.execute(sql`SELECT id FROM core.organizations WHERE tenant_id = ${work.tenantId}
      ${organizationId ? sql`AND id = ${organizationId}` : sql``} ORDER BY id LIMIT 2`),
  );
  if (organizationId && rows.length === 0) throw new AppError('not_found', `No organization ${organizationId}.`);
  if (rows.length !== 1)
    throw ledgerErrors.organization_required('This tenant has several organizations: name one (organizationId).');
  return rows[0]!.id;
}

type LineInput = { accountId: string; debitCents: number; creditCents: number; description?: string | undefined };

/** Every line's account must belong to the organisation, be active and accept postings. */
async function checkedLines(work: Work, organizationId: string, lines: readonly LineInput[]): Promise<DraftLine[]> {
  const ids = [...new Set(lines.map((l) => l.accountId))];
  const accounts = await work.tx
    .select()
    .from(chartOfAccounts)
    .where(and(eq(chartOfAccounts.tenantId, work.tenantId), inArray(chartOfAccounts.id, ids)));
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const problems: Record<string, string[]> = {};
  lines.forEach((l, i) => {
    const a = byId.get(l.accountId);
    const reason = !a
      ? 'no such account'
      : a.organizationId !== organizationId
        ? 'belongs to another organization'
        : a.isActive === false
          ? 'is inactive'
          : a.allowsPosting === false
            ? `is a summary account (${a.code}): post to one of its analytic accounts`
            : undefined;
    if (reason) problems[`lines.${i}.accountId`] = [reason];
  });
  if (Object.keys(problems).length > 0)
    throw AppError.validation(problems, 'Some lines name an account that cannot be posted to.');
  return lines.map((l) => ({
    accountId: l.accountId,
    entryType: l.debitCents > 0 ? 'debit' : 'credit',
    amountCents: l.debitCents > 0 ? l.debitCents : l.creditCents,
    description: l.description ?? null,
  }));
}

async function lockedEntry(work: Work, entryId: string): Promise<EntryRow> {
  const [row] = await work.tx
    .select()
    .from(journalEntries)
    .where(and(eq(journalEntries.tenantId, work.tenantId), eq(journalEntries.id, entryId)))
    .for('update');
  if (!row) throw new AppError('not_found', `No journal entry ${entryId}.`);
  return row;
}

/** The entry with its lines (accounts named). */
export async function getEntry(work: Work, entryId: string): Promise<JournalEntryView> {
  await work.authorize(journalEntries, 'read');
  const [entry] = await work.tx
    .select()
    .from(journalEntries)
    .where(and(eq(journalEntries.tenantId, work.tenantId), eq(journalEntries.id, entryId)));
  if (!entry) throw new AppError('not_found', `No journal entry ${entryId}.`);
  const lines = await work.tx
    .select({ line: journalEntryLines, code: chartOfAccounts.code, name: chartOfAccounts.name })
    .from(journalEntryLines)
    .innerJoin(
      chartOfAccounts,
      and(
        eq(chartOfAccounts.tenantId, journalEntryLines.tenantId),
        eq(chartOfAccounts.id, journalEntryLines.accountId),
      ),
    )
    .where(and(eq(journalEntryLines.tenantId, work.tenantId), eq(journalEntryLines.entryId, entryId)))
    .orderBy(asc(journalEntryLines.lineNumber));
  const views = lines.map(({ line, code, name }) => ({
    lineNumber: line.lineNumber,
    accountId: line.accountId,
    accountCode: code,
    accountName: name,
    debitCents: line.entryType === 'debit' ? (line.amountCents ?? 0) : 0,
    creditCents: line.entryType === 'credit' ? (line.amountCents ?? 0) : 0,
    description: line.description,
  }));
  return { ...headerView(entry), totalCents: views.reduce((s, l) => s + l.debitCents, 0), lines: views };
}

function headerView(e: EntryRow): Omit<JournalEntryView, 'lines' | 'totalCents'> {
  return {
    id: e.id,
    organizationId: e.organizationId,
    entryNumber: e.entryNumber,
    entryDate: e.referenceDate,
    description: e.description,
    memo: e.memo,
    status: e.status ?? 'draft',
    sourceType: e.sourceType,
    eventKind: e.eventKind,
    isReversal: e.isReversal ?? false,
    reversesEntryId: e.reversesEntryId,
    reversedByEntryId: e.reversedByEntryId,
    postedAt: e.postedAt ? e.postedAt.toISOString() : null,
  };
}

/** Creates a manual entry (a draft, or posted at once with `post: true`). */
export async function createEntry(work: Work, input: CreateEntryInput): Promise<JournalEntryView> {
  const data = parseInput(createEntryInput, input);
  await work.authorize(journalEntries, 'write');
  const organizationId = await resolveOrganization(work, data.organizationId);
  const lines = await checkedLines(work, organizationId, data.lines);
  const id = await insertDraft(work, {
    organizationId,
    entryDate: data.entryDate,
    description: data.description,
    memo: data.memo ?? null,
    sourceType: 'manual',
    lines,
  });
  if (data.post) await postDraft(work, id, organizationId);
  const view = await getEntry(work, id);
  await work.audit({ table: journalEntries, recordId: id, operation: 'INSERT', newValues: view });
  return view;
}

/** Edits a draft (header and/or all its lines). */
export async function updateEntry(work: Work, entryId: string, input: UpdateEntryInput): Promise<JournalEntryView> {
  const data = parseInput(updateEntryInput, input);
  await work.authorize(journalEntries, 'write');
  const before = await lockedEntry(work, entryId);
  if (before.status !== 'draft') throw ledgerErrors.entry_not_draft(notDraft(before));
  const old = await getEntry(work, entryId);
  const changes: Partial<typeof journalEntries.$inferInsert> = { updatedAt: work.now };
  if (data.entryDate) {
    const [y, m] = data.entryDate.split('-').map(Number) as [number, number];
    Object.assign(changes, { referenceDate: data.entryDate, fiscalYear: y, fiscalMonth: m });
  }
  if (data.description !== undefined) changes.description = data.description;
  if (data.memo !== undefined) changes.memo = data.memo;
  await work.tx
    .update(journalEntries)
    .set(changes)
    .where(and(eq(journalEntries.tenantId, work.tenantId), eq(journalEntries.id, entryId)));
  if (data.lines) {
    const lines = await checkedLines(work, before.organizationId, data.lines);
    await work.tx
      .delete(journalEntryLines)
      .where(and(eq(journalEntryLines.tenantId, work.tenantId), eq(journalEntryLines.entryId, entryId)));
    await insertLines(work, entryId, lines);
  }
  const view = await getEntry(work, entryId);
  await work.audit({ table: journalEntries, recordId: entryId, operation: 'UPDATE', oldValues: old, newValues: view });
  return view;
}

const notDraft = (e: EntryRow) =>
  `Journal entry ${e.entryNumber ?? e.id} is ${e.status}: posted entries are immutable, correct them with a reversal.`;

/** Deletes a draft. */
export async function deleteEntry(work: Work, entryId: string): Promise<void> {
  // Discarding a draft is editing the journal (finance may write, not delete, financial records).
  await work.authorize(journalEntries, 'write');
  const before = await lockedEntry(work, entryId);
  if (before.status !== 'draft') throw ledgerErrors.entry_not_draft(notDraft(before));
  const old = await getEntry(work, entryId);
  await work.tx
    .delete(journalEntries)
    .where(and(eq(journalEntries.tenantId, work.tenantId), eq(journalEntries.id, entryId)));
  await work.audit({ table: journalEntries, recordId: entryId, operation: 'DELETE', oldValues: old });
}

/** Posts a draft: it gets the organisation's next number and becomes immutable. */
export async function postEntry(work: Work, entryId: string): Promise<JournalEntryView> {
  await work.authorize(journalEntries, 'write');
  const before = await lockedEntry(work, entryId);
  if (before.status !== 'draft') throw ledgerErrors.entry_not_draft(notDraft(before));
  await postDraft(work, entryId, before.organizationId);
  const view = await getEntry(work, entryId);
  await work.audit({
    table: journalEntries,
    recordId: entryId,
    operation: 'UPDATE',
    oldValues: { status: 'draft' },
    newValues: { status: 'posted', entryNumber: view.entryNumber },
  });
  return view;
}

/** Reverses a posted entry: a posted entry with the lines swapped, linked to the original (now `reversed`). */
export async function reverseEntry(work: Work, entryId: string, input: ReverseEntryInput): Promise<JournalEntryView> {
  const data = parseInput(reverseEntryInput, input);
  await work.authorize(journalEntries, 'write');
  const original = await lockedEntry(work, entryId);
  if (original.status !== 'posted') {
    throw ledgerErrors.entry_not_posted(
      `Journal entry ${original.entryNumber ?? original.id} is ${original.status}: only a posted entry is reversed.`,
    );
  }
  const lines = await work.tx
    .select()
    .from(journalEntryLines)
    .where(and(eq(journalEntryLines.tenantId, work.tenantId), eq(journalEntryLines.entryId, entryId)))
    .orderBy(asc(journalEntryLines.lineNumber));
  const reversalId = await insertDraft(work, {
    organizationId: original.organizationId,
    entryDate: data.entryDate ?? original.referenceDate ?? work.now.toISOString().slice(0, 10),
    description: `Estorno do lançamento ${original.entryNumber}: ${original.description ?? ''}`.trim(),
    memo: data.reason,
    sourceType: 'adjustment',
    isReversal: true,
    reversesEntryId: entryId,
    lines: lines.map((l) => ({
      accountId: l.accountId,
      costCenterId: l.costCenterId,
      amountCents: l.amountCents ?? 0,
      entryType: l.entryType === 'debit' ? 'credit' : 'debit',
      description: l.description,
    })),
  });
  await postDraft(work, reversalId, original.organizationId);
  await work.tx
    .update(journalEntries)
    .set({ status: 'reversed', reversedByEntryId: reversalId, updatedAt: work.now })
    .where(and(eq(journalEntries.tenantId, work.tenantId), eq(journalEntries.id, entryId)));
  const view = await getEntry(work, reversalId);
  await work.audit({ table: journalEntries, recordId: reversalId, operation: 'INSERT', newValues: view });
  await work.audit({
    table: journalEntries,
    recordId: entryId,
    operation: 'UPDATE',
    oldValues: { status: 'posted' },
    newValues: { status: 'reversed', reversedByEntryId: reversalId },
  });
  return view;
}

/** Entries, newest number first (drafts first), with their totals. */
export async function listEntries(work: Work, input: ListEntriesQuery) {
  const q = parseInput(listEntriesQuery, input);
  await work.authorize(journalEntries, 'read');
  const where: SQL | undefined = and(
    eq(journalEntries.tenantId, work.tenantId),
    q.organizationId ? eq(journalEntries.organizationId, q.organizationId) : undefined,
    q.status ? eq(journalEntries.status, q.status) : undefined,
    q.from ? gte(journalEntries.referenceDate, q.from) : undefined,
    q.to ? lte(journalEntries.referenceDate, q.to) : undefined,
  );
  const [{ total } = { total: 0 }] = await work.tx.select({ total: count() }).from(journalEntries).where(where);
  const rows = await work.tx
    .select()
    .from(journalEntries)
    .where(where)
    .orderBy(desc(journalEntries.entryNumber), desc(journalEntries.createdAt))
    .limit(q.limit)
    .offset(q.offset);
  const totals = new Map<string, number>();
  if (rows.length > 0) {
    const sums = await work.tx
      .select({ entryId: journalEntryLines.entryId, amount: journalEntryLines.amountCents })
      .from(journalEntryLines)
      .where(
        and(
          eq(journalEntryLines.tenantId, work.tenantId),
          inArray(
            journalEntryLines.entryId,
            rows.map((r) => r.id),
          ),
          eq(journalEntryLines.entryType, 'debit'),
        ),
      );
    for (const s of sums) totals.set(s.entryId, (totals.get(s.entryId) ?? 0) + (s.amount ?? 0));
  }
  return { items: rows.map((r) => ({ ...headerView(r), totalCents: totals.get(r.id) ?? 0 })), total };
}
