/**
 * The journal's write core, shared by manual entries and automatic postings: insert a draft with its
 * lines, and post it — the entry number is assigned at posting under a transaction-scoped advisory
 * lock per organisation (max + 1), so numbers are 1, 2, 3… per organisation without gaps, also under
 * concurrency. The database refuses posting an unbalanced entry and any change to a posted one
 * (triggers in the ledger migrations); the checks here give the caller a precise 400 first.
 */
import { and, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../../platform/db/database.js';
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

function draftRow(work: Work, id: string, entry: DraftEntry) {
  const [year, month] = entry.entryDate.split('-').map(Number) as [number, number];
  return {
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
  };
}

/** Inserts a draft entry (no number yet) and its lines; returns its id. */
export async function insertDraft(work: Work, entry: DraftEntry): Promise<string> {
  const id = ulid();
  await work.tx.insert(journalEntries).values(draftRow(work, id, entry));
  await insertLines(work, id, entry.lines);
  return id;
}

/** PostgreSQL takes at most 65,535 parameters per statement: multi-row inserts go in chunks below it. */
export function chunksFor<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(60_000 / columnsPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/**
 * Inserts many drafts of automatic postings (each with an `eventKind`) and their lines, one statement per
 * chunk of drafts: the drafts' multi-row INSERT, and beside it (a CTE) the insert of the lines of the
 * drafts it actually inserted, passed as one JSON parameter. A draft whose event is already in the journal
 * is skipped by the event's unique index (`ON CONFLICT DO NOTHING`), and so are its lines; returns the
 * ids of the drafts inserted, by the index of their entry in `entries`.
 */
export async function insertEventDrafts(work: Work, entries: readonly DraftEntry[]): Promise<Map<number, string>> {
  const rows = entries.map((entry, index) => ({ index, entry, row: draftRow(work, ulid(), entry) }));
  const byId = new Map(rows.map((r) => [r.row.id, r]));
  const inserted = new Map<number, string>();
  for (const chunk of chunksFor(rows, 20)) {
    const drafts = work.tx
      .insert(journalEntries)
      .values(chunk.map((r) => r.row))
      .onConflictDoNothing({
        target: [
          journalEntries.tenantId,
          journalEntries.organizationId,
          journalEntries.eventKind,
          journalEntries.sourceTable,
          journalEntries.sourceId,
        ],
        where: sql`"event_kind" IS NOT NULL`,
      })
      .returning({ id: journalEntries.id });
    const lines = chunk.flatMap((r) =>
      lineRows(work, r.row.id, r.entry.lines).map((l) => ({
        tenant_id: l.tenantId,
        id: l.id,
        entry_id: l.entryId,
        account_id: l.accountId,
        cost_center_id: l.costCenterId,
        amount_cents: l.amountCents,
        entry_type: l.entryType,
        description: l.description,
        line_number: l.lineNumber,
      })),
    );
    const ids = rowsOf<{ id: string }>(
      await work.tx.execute(sql`
        WITH drafts AS (${drafts.getSQL()}),
             draft_lines AS (
               INSERT INTO finance.journal_entry_lines
                      (tenant_id, id, entry_id, account_id, cost_center_id, amount_cents, entry_type, description,
                       line_number)
               SELECT l.tenant_id, l.id, l.entry_id, l.account_id, l.cost_center_id, l.amount_cents, l.entry_type,
                      l.description, l.line_number
                 FROM jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) AS l(tenant_id uuid, id text,
                        entry_id text, account_id text, cost_center_id text, amount_cents bigint, entry_type text,
                        description text, line_number integer)
                WHERE l.entry_id IN (SELECT id FROM drafts))
        SELECT id FROM drafts`),
    );
    for (const { id } of ids) inserted.set(byId.get(id)!.index, id);
  }
  // In the order of `entries` (RETURNING promises none): the caller numbers them in that order.
  return new Map([...inserted].sort((a, b) => a[0] - b[0]));
}

function lineRows(work: Work, entryId: string, lines: readonly DraftLine[]) {
  return lines.map((l, i) => ({
    tenantId: work.tenantId,
    id: ulid(),
    entryId,
    accountId: l.accountId,
    costCenterId: l.costCenterId ?? null,
    amountCents: l.amountCents,
    entryType: l.entryType,
    description: l.description ?? null,
    lineNumber: i + 1,
  }));
}

export async function insertLines(work: Work, entryId: string, lines: readonly DraftLine[]): Promise<void> {
  if (lines.length === 0) return;
  await work.tx.insert(journalEntryLines).values(lineRows(work, entryId, lines));
}

/** Serialises the organisation's postings (numbering, idempotent automatic postings) in this transaction. */
export async function lockOrganizationJournal(work: Work, organizationId: string): Promise<void> {
  await work.tx.execute(sql`SELECT ${journalLock(work, organizationId)}`);
}

/** The expression taking the organisation's journal lock (to be taken in a statement of its own or with a read). */
export const journalLock = (work: Work, organizationId: string) =>
  sql`pg_advisory_xact_lock(hashtextextended(${`ledger:${work.tenantId}:${organizationId}`}, 0))`;

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

/**
 * Posts many drafts of one organisation in one statement: they take the next numbers as one block
 * (max + 1 … max + n, in the order given). The caller holds the organisation's journal lock, taken
 * in an earlier statement of this transaction, so the statement's snapshot already sees every number
 * posted before (a lock taken inside it would come after its snapshot). The database's guard checks
 * each entry's balance as it flips to posted. Returns each id's number.
 */
export async function postDraftsLocked(
  work: Work,
  organizationId: string,
  entryIds: readonly string[],
): Promise<Map<string, number>> {
  if (entryIds.length === 0) return new Map();
  const at = work.now.toISOString();
  const rows = rowsOf<{ id: string; entry_number: number }>(
    await work.tx.execute(sql`
      UPDATE finance.journal_entries e
         SET status = 'posted', entry_number = b.base + v.ord, posting_date = ${at.slice(0, 10)}::date,
             posted_at = ${at}::timestamptz, posted_by = ${actingUserId(work)}, updated_at = ${at}::timestamptz
        FROM (SELECT coalesce(max(entry_number), 0) AS base FROM finance.journal_entries
               WHERE tenant_id = ${work.tenantId} AND organization_id = ${organizationId}) b,
             jsonb_array_elements_text(${JSON.stringify(entryIds)}::jsonb) WITH ORDINALITY AS v(id, ord)
       WHERE e.tenant_id = ${work.tenantId} AND e.id = v.id AND e.status = 'draft'
   RETURNING e.id, e.entry_number`),
  );
  return new Map(rows.map((r) => [r.id, Number(r.entry_number)]));
}
