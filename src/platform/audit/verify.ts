/**
 * Recomputes each tenant's audit hash chain (see audit.ts) and reports the first place it breaks.
 *
 * Runs as the connection owner: the auditor's check must see every tenant's rows, whatever the
 * row-level security of the app role. Each tenant is read in one REPEATABLE READ, READ ONLY
 * transaction (head and rows from one snapshot, so concurrent writers cause no false alarm),
 * streamed in tenant_seq order in pages.
 *
 * chain-walker.ts names the first break per tenant and how it is classified.
 *
 * Retention drops whole monthly partitions of old rows (platform/audit/prune.ts): the head then
 * records the last dropped position and its hash (pruned_seq, pruned_hash), where the chain starts.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db/database.js';
import type { Tx } from '../db/transaction.js';
import type { AuditHashInput } from './audit.js';
import { ChainWalker, type AuditProblem, type StoredChainRow } from './chain-walker.js';

export type { AuditProblem, AuditProblemKind } from './chain-walker.js';

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
      let group: StoredChainRow[] = [];
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
async function* chainRows(tx: Tx, tenantId: string, pageSize: number): AsyncGenerator<StoredChainRow> {
  let cursor: StoredChainRow | undefined;
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

function toChainRow(tenantId: string, raw: RawRow): StoredChainRow {
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
