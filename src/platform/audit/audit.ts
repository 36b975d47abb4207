/**
 * The FERPA audit trail (compliance.audit_logs). `recordAudit(tx, entry)` writes one row with the
 * caller's transaction (`recordAudits` several, for a batch of writes), so the record commits or
 * rolls back together with the change it describes.
 *
 * Tamper evidence: each tenant's rows form a hash chain. The writer takes the next position from
 * compliance.audit_chain_heads with one statement (chain.ts) that locks the tenant's head row until commit, so
 * concurrent writers of one tenant queue up and the chain stays linear and gap-free (a rolled-back
 * writer releases its position). row_hash = SHA-256 of the canonical JSON of the row's content and
 * prev_hash; `verifyAuditChain` (verify.ts) recomputes it with `auditRowHash` below.
 *
 * Works as the app role inside `tenantTransaction` (it may only SELECT/INSERT audit_logs, so the app
 * cannot change a row afterwards) or as the owner. The chain written is the principal's tenant, which
 * row-level security requires to be the transaction's tenant.
 */
import type { TenantDb } from '../db/engine.js';
import { isIP } from 'node:net';
import { sql, type SQL } from 'drizzle-orm';
import type { Principal, RequestMeta } from '../auth/roles.js';
import { rowsOf } from '../db/database.js';
import type { Tx } from '../db/transaction.js';
import {
  chainAppendCtes,
  chainAppendStatement,
  chainInput,
  type ChainContent,
  type ChainCteOptions,
  type ChainRow,
} from './chain.js';
import { auditValuesText, storableText } from './values.js';

export { auditRowHash, canonicalJson, type AuditHashInput, type Json } from './hash.js';
export { auditValues, auditValuesText, MASKED } from './values.js';

export const AUDIT_OPERATIONS = ['INSERT', 'UPDATE', 'DELETE', 'SELECT'] as const;
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];
/** FERPA records are kept at least this long unless the caller gives a retention date. */
export const DEFAULT_RETENTION_YEARS = 7;
const RECORD_ID_MAX = 255; // compliance.audit_logs.record_id is varchar(255)

export interface AuditEntry {
  /** Who acts: actorId → user_id, roles → actor_role, tenantId → the chain written. */
  principal: Pick<Principal, 'tenantId' | 'actorId' | 'roles'>;
  /** ip → ip_address, userAgent, sessionId (or requestId) → session_id, justification. */
  meta?: RequestMeta;
  /** Qualified table name of the record, e.g. 'health.student_health_records'. */
  table: string;
  recordId?: string | number | null;
  operation: AuditOperation;
  /** Row before / after the change; secrets are masked before they are stored. */
  oldValues?: unknown;
  newValues?: unknown;
  legitimateEducationalInterest?: boolean;
  dataCategories?: readonly string[];
  /** 'YYYY-MM-DD' or a Date; default: DEFAULT_RETENTION_YEARS after the event. */
  retentionDate?: string | Date;
  /** When it happened (default now), rounded to milliseconds. Lets tests place rows in any partition. */
  timestamp?: Date;
}

export interface RecordedAudit {
  id: number;
  tenantSeq: number;
  rowHash: string;
  timestamp: Date;
}

/** Cuts to the column's length in characters (code points, as PostgreSQL counts them). */
function fit(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined || text === '') return null;
  const storable = storableText(text);
  // No more UTF-16 units than allowed: no more code points either (the usual case, no copy).
  return storable.length <= max ? storable : Array.from(storable).slice(0, max).join('');
}

function retentionDateOf(given: string | Date | undefined, at: Date): string {
  if (given instanceof Date) return given.toISOString().slice(0, 10);
  if (given !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given)) throw new TypeError('retentionDate must be YYYY-MM-DD');
    return given;
  }
  const date = new Date(at);
  date.setUTCFullYear(date.getUTCFullYear() + DEFAULT_RETENTION_YEARS);
  return date.toISOString().slice(0, 10);
}

/** A plain IP address (IPv6 zone removed), or null: a bad value must not fail the audited change. */
function ipOf(ip: string | undefined): string | null {
  const address = ip?.replace(/%.*$/, '');
  return address && isIP(address) ? address : null;
}

/** The stored content of one entry: everything the hash covers but the three chain-dependent values. */
function contentOf(entry: AuditEntry): ChainRow {
  if (!AUDIT_OPERATIONS.includes(entry.operation))
    throw new TypeError(`unknown audit operation ${String(entry.operation)}`);
  const at = new Date(Math.round((entry.timestamp ?? new Date()).getTime()));
  const content: ChainContent = {
    tenant_id: entry.principal.tenantId,
    timestamp: at.toISOString(),
    user_id: fit(entry.principal.actorId, 255) ?? 'unknown',
    actor_role: fit(entry.principal.roles.join(','), 50),
    session_id: fit(entry.meta?.sessionId ?? entry.meta?.requestId, 255),
    table_name: fit(entry.table, 100) ?? 'unknown',
    record_id: fit(
      entry.recordId === null || entry.recordId === undefined ? null : String(entry.recordId),
      RECORD_ID_MAX,
    ),
    operation: entry.operation,
    old_values: auditValuesText(entry.oldValues),
    new_values: auditValuesText(entry.newValues),
    // user_agent and justification are text: capped so a client cannot bloat the permanent record.
    user_agent: fit(entry.meta?.userAgent, 1000),
    legitimate_educational_interest: entry.legitimateEducationalInterest ?? false,
    justification: fit(entry.meta?.justification, 2000),
    data_categories: entry.dataCategories?.length ? entry.dataCategories.map(storableText) : null,
    retention_date: retentionDateOf(entry.retentionDate, at),
  };
  return { content, ip: ipOf(entry.meta?.ip), at };
}

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<RecordedAudit> {
  return (await recordAudits(tx, [entry]))[0]!;
}

function oneTenant(entries: readonly AuditEntry[]): string {
  const tenantId = entries[0]!.principal.tenantId;
  if (entries.some((e) => e.principal.tenantId !== tenantId))
    throw new TypeError("recordAudits appends to one tenant's chain: the entries name several tenants");
  return tenantId;
}

/** Tenants whose chain head this process has created or seen. */
const knownHeads = new Set<string>();

/** Creates the tenant's chain head (position 0) unless it exists. */
async function createChainHead(db: TenantDb, tenantId: string): Promise<void> {
  await db.execute(
    sql`INSERT INTO compliance.audit_chain_heads (tenant_id, last_seq) VALUES (${tenantId}, 0)
        ON CONFLICT (tenant_id) DO NOTHING`,
  );
  if (knownHeads.size > 100_000) knownHeads.clear();
  knownHeads.add(tenantId);
}

/**
 * Makes sure the tenant's chain head exists (once per tenant and process: a head is not removed while
 * its tenant exists, and a statement built by `auditAppendCtes` checks its own count should one be).
 * `auditAppendCtes` needs it: its statement cannot create the head and lock it in the same statement.
 */
export async function ensureAuditChainHead(db: TenantDb, tenantId: string): Promise<void> {
  if (!knownHeads.has(tenantId)) await createChainHead(db, tenantId);
}

/**
 * Takes the tenant's chain head now, held until commit. For a transaction that locks rows a concurrent audited
 * write locks after it has appended (so after taking the head): taking the head first keeps the two in one
 * order, where the other way round they deadlock.
 */
export async function lockAuditChainHead(tx: Tx, tenantId: string): Promise<void> {
  await ensureAuditChainHead(tx, tenantId);
  await tx.execute(sql`SELECT 1 FROM compliance.audit_chain_heads WHERE tenant_id = ${tenantId} FOR UPDATE`);
}

/**
 * The append of `entries` as CTEs for a larger statement that writes the records they describe
 * (chain.ts `chainAppendCtes`: `audit_appended` returns the rows appended). Nothing is appended while
 * the tenant has no chain head (`ensureAuditChainHead` first); the statement must check the count.
 */
export function auditAppendCtes(entries: readonly AuditEntry[], options: ChainCteOptions = {}): SQL {
  return chainAppendCtes(oneTenant(entries), auditAppendInput(entries), options);
}

/**
 * The entries as the one parameter of `auditAppendCtesFor`: a statement that binds it separately can be
 * compiled once and run with each batch's parameter.
 */
export function auditAppendInput(entries: readonly AuditEntry[]): string {
  oneTenant(entries);
  return chainInput(entries.map(contentOf));
}

/** `auditAppendCtes` over the tenant's entries given as `input` (the text of `auditAppendInput`, or a placeholder). */
export function auditAppendCtesFor(tenantId: string, input: unknown, options: ChainCteOptions = {}): SQL {
  return chainAppendCtes(tenantId, input, options);
}

/**
 * Appends several rows of one tenant's chain, in the order given, with one statement (a batch of
 * writes made in one transaction: the head is locked once, not once per row).
 */
export async function recordAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<RecordedAudit[]> {
  if (entries.length === 0) return [];
  const tenantId = oneTenant(entries);
  // Everything but the chain position first: a value that cannot be stored fails before the head is taken.
  const rows = entries.map(contentOf);
  const statement = chainAppendStatement(tenantId, chainInput(rows));
  let appended = rowsOf<{ id: string | number; seq: string | number; hash: string }>(await tx.execute(statement));
  if (appended.length === 0) {
    // The tenant's first audit row: create its head, then take the next positions.
    await createChainHead(tx, tenantId);
    appended = rowsOf(await tx.execute(statement));
  }
  // Positions are consecutive: the entry at index i took the first position + i.
  const bySeq = appended
    .map((r) => ({ id: Number(r.id), tenantSeq: Number(r.seq), rowHash: r.hash }))
    .sort((a, b) => a.tenantSeq - b.tenantSeq);
  return bySeq.map((r, i) => ({ ...r, timestamp: rows[i]!.at }));
}

export interface AuditReadEntry extends Omit<AuditEntry, 'operation' | 'recordId' | 'oldValues' | 'newValues'> {
  /** The records the caller was shown (student ids, row ids). */
  recordIds: readonly (string | number)[];
}

/**
 * An audited read of sensitive records (health, special education, discipline…): operation SELECT,
 * record_id lists the ids read — as many as fit in the column, then "+N more" — and new_values
 * keeps how many records were read.
 */
export function auditRead(tx: Tx, entry: AuditReadEntry): Promise<RecordedAudit> {
  const { recordIds, ...rest } = entry;
  return recordAudit(tx, {
    ...rest,
    operation: 'SELECT',
    recordId: listIds(recordIds),
    newValues: { recordCount: recordIds.length },
  });
}

function listIds(ids: readonly (string | number)[]): string | null {
  if (ids.length === 0) return null;
  const all = ids.join(',');
  if (Array.from(all).length <= RECORD_ID_MAX) return all;
  let listed = '';
  for (let i = 0; i < ids.length; i++) {
    const next = listed === '' ? String(ids[i]) : `${listed},${String(ids[i])}`;
    // The previous step checked that `listed` plus ",+<remaining> more" fits.
    if (Array.from(`${next},+${ids.length - i - 1} more`).length > RECORD_ID_MAX)
      return `${listed === '' ? '' : `${listed},`}+${ids.length - i} more`;
    listed = next;
  }
  return listed;
}
