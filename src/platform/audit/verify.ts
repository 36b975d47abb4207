/**
 * Recomputes each tenant's audit hash chain (see audit.ts) and reports the first place it breaks.
 *
 * Runs as the connection owner: the auditor's check must see every tenant's rows, whatever the
 * row-level security of the app role. Each tenant is read in one REPEATABLE READ, READ ONLY
 * transaction (head and rows from one snapshot, so concurrent writers cause no false alarm),
 * streamed in tenant_seq order in pages.
 *
 * How a break is classified (the first one per tenant):
 * - edited:    a row sits in its place (seq and prev_hash fit) but its row_hash does not match its
 *              content;
 * - deleted:   a row whose own hash is intact does not follow the previous row (a seq gap, or its
 *              prev_hash is not the previous row's hash): what it was chained to is gone;
 * - inserted:  a row that is not in the chain: a second row with a seq already taken, a seq the head
 *              never issued, a seq below 1, or a row that does not fit and whose hash is wrong too;
 * - truncated: the head (last_seq, last_hash) does not match the last row: rows at the end are gone
 *              or the last one was replaced.
 *
 * Retention drops whole monthly partitions of old rows (platform/audit/prune.ts): the head then
 * records the last dropped position and its hash (pruned_seq, pruned_hash), where the chain starts.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db/database.js';
import type { Tx } from '../db/transaction.js';
import { auditRowHash, type AuditHashInput } from './audit.js';

export type AuditProblemKind = 'edited' | 'deleted' | 'inserted' | 'truncated';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The chain position concerned (for 'deleted': the first missing seq). */
  seq: number;
  /** compliance.audit_logs.id of the row where the break shows; null when that row is gone. */
  rowId: number | null;
  detail: string;
}

export interface TenantChainReport {
  tenantId: string;
  slug: string;
  rows: number;
  ok: boolean;
  problem?: AuditProblem;
}

export interface AuditVerification {
  tenants: TenantChainReport[];
}

export interface VerifyOptions {
  /** Only this tenant (default: every tenant). */
  tenantId?: string;
  /** Rows per page (default 1000). */
  pageSize?: number;
}

interface ChainRow {
  id: number;
  seq: number;
  rowHash: string;
  /** Exact timestamp text, used as the page cursor. */
  cursorTs: string;
  input: AuditHashInput;
}

/** A row as read back: the hashed values (timestamp as read, sequence possibly as text) and its own hash. */
type RawRow = Omit<AuditHashInput, 'tenant_id' | 'tenant_seq' | 'timestamp'> & {
  id: string | number;
  tenant_seq: string | number;
  row_hash: string;
  ts: string;
};

export async function verifyAuditChain(database: Database, options: VerifyOptions = {}): Promise<AuditVerification> {
  const tenants = options.tenantId
    ? await database.query<{ id: string; slug: string }>(
        'SELECT id::text AS id, slug FROM platform.tenants WHERE id = $1',
        [options.tenantId],
      )
    : await database.query<{ id: string; slug: string }>(
        'SELECT id::text AS id, slug FROM platform.tenants ORDER BY slug',
      );
  const reports: TenantChainReport[] = [];
  for (const tenant of tenants)
    reports.push(await verifyTenant(database, tenant.id, tenant.slug, options.pageSize ?? 1000));
  return { tenants: reports };
}

async function verifyTenant(
  database: Database,
  tenantId: string,
  slug: string,
  pageSize: number,
): Promise<TenantChainReport> {
  return database.db.transaction(
    async (tx) => {
      const head = rowsOf<{
        last_seq: string | number;
        last_hash: string | null;
        pruned_seq: string | number;
        pruned_hash: string | null;
      }>(
        await tx.execute(
          sql`SELECT last_seq, last_hash, pruned_seq, pruned_hash
                FROM compliance.audit_chain_heads WHERE tenant_id = ${tenantId}`,
        ),
      )[0];
      const count = rowsOf<{ n: string | number }>(
        await tx.execute(sql`SELECT count(*) AS n FROM compliance.audit_logs WHERE tenant_id = ${tenantId}`),
      )[0]!;
      const rows = Number(count.n);
      const walker = new ChainWalker(
        head ? { seq: Number(head.last_seq), hash: head.last_hash } : null,
        head ? { seq: Number(head.pruned_seq), hash: head.pruned_hash } : undefined,
      );
      let group: ChainRow[] = [];
      for await (const row of chainRows(tx, tenantId, pageSize)) {
        if (group.length > 0 && group[0]!.seq !== row.seq) {
          const problem = walker.take(group);
          if (problem) return { tenantId, slug, rows, ok: false, problem };
          group = [];
        }
        group.push(row);
      }
      const problem = (group.length > 0 ? walker.take(group) : undefined) ?? walker.finish();
      return problem ? { tenantId, slug, rows, ok: false, problem } : { tenantId, slug, rows, ok: true };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The tenant's rows in chain order, page by page (keyset on the unique (tenant_seq, timestamp)). */
async function* chainRows(tx: Tx, tenantId: string, pageSize: number): AsyncGenerator<ChainRow> {
  let cursor: ChainRow | undefined;
  for (;;) {
    const after = cursor
      ? sql`AND (tenant_seq, "timestamp", id) > (${cursor.seq}, ${cursor.cursorTs}::timestamptz, ${cursor.id})`
      : sql``;
    const page = rowsOf<RawRow>(
      await tx.execute(sql`
        SELECT id, tenant_seq, prev_hash, row_hash,
               to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS ts,
               user_id, actor_role, session_id, table_name, record_id, operation, old_values, new_values,
               nullif(format('%s', ip_address), '') AS ip_address, user_agent, legitimate_educational_interest,
               justification, to_jsonb(data_categories) AS data_categories,
               to_char(retention_date, 'YYYY-MM-DD') AS retention_date
          FROM compliance.audit_logs
         WHERE tenant_id = ${tenantId} ${after}
         ORDER BY tenant_seq, "timestamp", id
         LIMIT ${pageSize}`),
    );
    for (const raw of page) {
      cursor = toChainRow(tenantId, raw);
      yield cursor;
    }
    if (page.length < pageSize) return;
  }
}

function toChainRow(tenantId: string, raw: RawRow): ChainRow {
  // The writer stores milliseconds; a timestamp with other microseconds keeps them, and mismatches.
  const isoTs = `${raw.ts.endsWith('000') ? raw.ts.slice(0, -3) : raw.ts}Z`;
  return {
    id: Number(raw.id),
    seq: Number(raw.tenant_seq),
    rowHash: raw.row_hash,
    cursorTs: `${raw.ts}Z`,
    input: {
      tenant_id: tenantId,
      tenant_seq: Number(raw.tenant_seq),
      prev_hash: raw.prev_hash,
      timestamp: isoTs,
      user_id: raw.user_id,
      actor_role: raw.actor_role,
      session_id: raw.session_id,
      table_name: raw.table_name,
      record_id: raw.record_id,
      operation: raw.operation,
      old_values: raw.old_values,
      new_values: raw.new_values,
      ip_address: raw.ip_address,
      user_agent: raw.user_agent,
      legitimate_educational_interest: raw.legitimate_educational_interest,
      justification: raw.justification,
      data_categories: raw.data_categories,
      retention_date: raw.retention_date,
    },
  };
}

/** Walks one tenant's rows, grouped by seq, and names the first break. */
class ChainWalker {
  private expectedSeq = 1;
  private prevHash: string | null = null;
  private last: ChainRow | undefined;

  /** `pruned`: retention dropped the chain up to this position (its rows' partitions): it starts after it. */
  constructor(
    private readonly head: { seq: number; hash: string | null } | null,
    pruned?: { seq: number; hash: string | null },
  ) {
    if (pruned && pruned.seq > 0) {
      this.expectedSeq = pruned.seq + 1;
      this.prevHash = pruned.hash;
    }
  }

  private fits(row: ChainRow): boolean {
    return (
      row.seq === this.expectedSeq && row.input.prev_hash === this.prevHash && auditRowHash(row.input) === row.rowHash
    );
  }

  take(group: ChainRow[]): AuditProblem | undefined {
    const row = group[0]!;
    if (group.length > 1) {
      // One position, several rows: the one chained to the previous row is genuine.
      const fitting = group.filter((r) => this.fits(r));
      const forged = fitting.length === 1 ? group.find((r) => r !== fitting[0])! : group[1]!;
      return {
        kind: 'inserted',
        seq: row.seq,
        rowId: forged.id,
        detail:
          `${group.length} rows have seq ${row.seq}; ` +
          `row id ${forged.id} is not the one chained to seq ${row.seq - 1}`,
      };
    }
    if (row.seq < this.expectedSeq) {
      return {
        kind: 'inserted',
        seq: row.seq,
        rowId: row.id,
        detail: `row id ${row.id} has seq ${row.seq}, before the start of the chain`,
      };
    }
    if (this.head && row.seq > this.head.seq) {
      return {
        kind: 'inserted',
        seq: row.seq,
        rowId: row.id,
        detail: `row id ${row.id} has seq ${row.seq}, which the chain head never issued (last seq ${this.head.seq})`,
      };
    }
    const hashOk = auditRowHash(row.input) === row.rowHash;
    const linked = row.input.prev_hash === this.prevHash;
    const inPlace = row.seq === this.expectedSeq;
    if (hashOk && linked && inPlace) {
      this.last = row;
      this.expectedSeq = row.seq + 1;
      this.prevHash = row.rowHash;
      return undefined;
    }
    if (!hashOk && linked && inPlace) {
      return {
        kind: 'edited',
        seq: row.seq,
        rowId: row.id,
        detail: `row id ${row.id} (seq ${row.seq}) does not match its row_hash: its content was changed`,
      };
    }
    if (!hashOk || linked) {
      return {
        kind: 'inserted',
        seq: row.seq,
        rowId: row.id,
        detail:
          `row id ${row.id} (seq ${row.seq}) does not follow seq ${this.expectedSeq - 1}` +
          (hashOk ? '' : ' and its row_hash does not match its content'),
      };
    }
    if (!inPlace) {
      const missing = row.seq - 1 > this.expectedSeq ? `${this.expectedSeq}–${row.seq - 1}` : `${this.expectedSeq}`;
      return {
        kind: 'deleted',
        seq: this.expectedSeq,
        rowId: row.id,
        detail: `seq ${missing} missing: the chain resumes at row id ${row.id} (seq ${row.seq})`,
      };
    }
    return {
      kind: 'deleted',
      seq: row.seq,
      rowId: row.id,
      detail:
        `row id ${row.id} (seq ${row.seq}) is chained to a row that is not seq ${row.seq - 1} as stored: ` +
        'a row was removed or replaced',
    };
  }

  /** After the last row: the head must point at it. */
  finish(): AuditProblem | undefined {
    const lastSeq = this.last?.seq ?? this.expectedSeq - 1;
    if (!this.head) {
      return this.last
        ? { kind: 'truncated', seq: lastSeq, rowId: this.last.id, detail: 'the chain head of this tenant is missing' }
        : undefined;
    }
    if (lastSeq < this.head.seq) {
      const missing = this.head.seq > lastSeq + 1 ? `${lastSeq + 1}–${this.head.seq}` : `${this.head.seq}`;
      return {
        kind: 'truncated',
        seq: lastSeq + 1,
        rowId: null,
        detail: `seq ${missing} missing at the end of the chain (head last seq ${this.head.seq})`,
      };
    }
    if (this.last && this.head.hash !== this.last.rowHash) {
      return {
        kind: 'truncated',
        seq: lastSeq,
        rowId: this.last.id,
        detail:
          `the chain head's hash is not that of the last row (id ${this.last.id}, seq ${lastSeq}): ` +
          'the end of the chain was replaced',
      };
    }
    return undefined;
  }
}
