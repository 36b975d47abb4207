/**
 * The journal's write core, shared by manual entries and automatic postings: insert a draft with its
 * lines, and post it — the entry number is assigned at posting under a transaction-scoped advisory
 * lock per organisation (max + 1), so numbers are 1, 2, 3… per organisation without gaps, also under
 * concurrency. The database refuses posting an unbalanced entry and any change to a posted one
 * (triggers in the ledger migrations); the checks here give the caller a precise 400 first.
 */
import { and, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import type { Work } from '../../../platform/service/work.js';
import { journalEntries, journalEntryLines } from '../tables.js';

export type EntrySide = 'debit' | 'credit';

export interface DraftLine {
  accountId: string;
  entryType: EntrySide;
  amountCents: number;
  description?: string | null;
  costCenterId?: string | null;
}

export interface DraftEntry {
  organizationId: string;
  /** The accounting date (YYYY-MM-DD): fiscal year and month come from it. */
  entryDate: string;
  description: string;
  memo?: string | null;
  sourceType: 'payroll' | 'invoice' | 'payable' | 'manual' | 'adjustment' | 'closing';
  sourceId?: string | null;
  sourceTable?: string | null;
  eventKind?: string | null;
  isReversal?: boolean;
  reversesEntryId?: string | null;
  lines: readonly DraftLine[];
}

export type EntryRow = typeof journalEntries.$inferSelect;
export type LineRow = typeof journalEntryLines.$inferSelect;

/** The acting user's core id, when the principal is one (created_by / posted_by reference core users). */
export const actingUserId = (work: Work): string | null => work.principal.person?.coreUserId ?? null;

/** Inserts a draft entry (no number yet) and its lines; returns its id. */
export async function insertDraft(work: Work, entry: DraftEntry): Promise<string> {
  const id = ulid();
  const [year, month] = entry.entryDate.split('-').map(Number) as [number, number];
  await work.tx.insert(journalEntries).values({
    tenantId: work.tenantId,
    id,
    organizationId: entry.organizationId,
    entryNumber: null,
    referenceDate: entry.entryDate,
    fiscalYear: year,
    fiscalMonth: month,
    description: entry.description,
    memo: entry.memo ?? null,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId ?? null,
    sourceTable: entry.sourceTable ?? null,
    eventKind: entry.eventKind ?? null,
    status: 'draft',
    isReversal: entry.isReversal ?? false,
    reversesEntryId: entry.reversesEntryId ?? null,
    createdBy: actingUserId(work),
  });
  await insertLines(work, id, entry.lines);
  return id;
}

export async function insertLines(work: Work, entryId: string, lines: readonly DraftLine[]): Promise<void> {
  if (lines.length === 0) return;
  await work.tx.insert(journalEntryLines).values(
    lines.map((l, i) => ({
      tenantId: work.tenantId,
      id: ulid(),
      entryId,
      accountId: l.accountId,
      costCenterId: l.costCenterId ?? null,
      amountCents: l.amountCents,
      entryType: l.entryType,
      description: l.description ?? null,
      lineNumber: i + 1,
    })),
  );
}

/** Serialises the organisation's postings (numbering, idempotent automatic postings) in this transaction. */
export async function lockOrganizationJournal(work: Work, organizationId: string): Promise<void> {
  await work.tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ledger:${work.tenantId}:${organizationId}`}, 0))`,
  );
}

/**
 * Posts a draft: takes the organisation's next number and flips the status in one statement. The
 * organisation's journal lock is taken here (so two postings never see the same maximum) unless the
 * caller says it already holds it in this transaction (`journalLocked`). Returns the posted row.
 */
export async function postDraft(
  work: Work,
  entryId: string,
  organizationId: string,
  options: { journalLocked?: boolean } = {},
): Promise<EntryRow> {
  if (!options.journalLocked) await lockOrganizationJournal(work, organizationId);
  const nextNumber = sql<number>`(SELECT coalesce(max(n.entry_number), 0) + 1 FROM ${journalEntries} n
     WHERE n.tenant_id = ${work.tenantId} AND n.organization_id = ${organizationId})`;
  const [row] = await work.tx
    .update(journalEntries)
    .set({
      status: 'posted',
      entryNumber: nextNumber,
      postingDate: work.now.toISOString().slice(0, 10),
      postedAt: work.now,
      postedBy: actingUserId(work),
      updatedAt: work.now,
    })
    .where(
      and(
        eq(journalEntries.tenantId, work.tenantId),
        eq(journalEntries.id, entryId),
        eq(journalEntries.status, 'draft'),
      ),
    )
    .returning();
  return row!;
}
