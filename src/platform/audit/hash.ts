/**
 * What an audit row's hash covers and how it is computed: SHA-256 of the canonical JSON (keys sorted
 * at every depth) of the row's stored values and the previous row's hash. The chain append
 * (chain.ts) has the database compute the same text; verify.ts recomputes it here.
 */
import { createHash } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Exactly the stored values the hash covers, in their canonical form. */
export interface AuditHashInput {
  tenant_id: string;
  tenant_seq: number;
  prev_hash: string | null;
  /** ISO 8601, UTC, millisecond precision: 2024-05-01T12:00:00.000Z */
  timestamp: string;
  user_id: string;
  actor_role: string | null;
  session_id: string | null;
  table_name: string;
  record_id: string | null;
  operation: string;
  old_values: Json;
  new_values: Json;
  ip_address: string | null;
  user_agent: string | null;
  legitimate_educational_interest: boolean | null;
  justification: string | null;
  data_categories: string[] | null;
  retention_date: string | null;
}

/** JSON with object keys sorted at every depth: one text for one value, whatever the key order. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}

export function auditRowHash(input: AuditHashInput): string {
  return createHash('sha256')
    .update(canonicalJson(input as unknown as Json), 'utf8')
    .digest('hex');
}
