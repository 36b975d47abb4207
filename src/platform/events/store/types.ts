/**
 * One interface over the high-volume, append-only event store (seed 004 §13): clickstream,
 * attendance scans, classroom audio/transcript events, AI interactions. Two backends implement it —
 * PostgreSQL (postgres.ts, the default) and Amazon DynamoDB (dynamodb.ts) — and one test suite
 * (store.test.ts) runs against both.
 */
import type { EventTableName } from './definitions.js';

/** An item: its key attributes (per the table's definition) and any others (JSON values). */
export type EventItem = Record<string, unknown>;

export interface KeyQuery {
  /** The hash key's value. */
  hash: string;
  /** Range key condition: a prefix, or an inclusive range. */
  rangeBeginsWith?: string;
  rangeBetween?: [string, string];
  /** Newest (highest range key) first. */
  descending?: boolean;
  /** At most this many items (default 100). */
  limit?: number;
}

export interface Subscription {
  items: EventItem[];
  /** Give it back to read what was appended after these items (opaque). */
  cursor: string;
}

export interface EventStore {
  readonly backend: 'postgres' | 'dynamodb';
  /** Creates the tables (idempotent). */
  ensureTables(): Promise<void>;
  /** Appends items (batched by the backend). An item whose key exists already is replaced. */
  append(table: EventTableName, items: readonly EventItem[]): Promise<void>;
  /** By hash key (and range condition), in range-key order. Items past their TTL are never returned. */
  query(table: EventTableName, query: KeyQuery): Promise<EventItem[]>;
  /** The same by one of the table's global secondary indexes. */
  queryIndex(table: EventTableName, index: string, query: KeyQuery): Promise<EventItem[]>;
  /** Items appended after `cursor` (null = from the start), in append order, at most `limit`. */
  subscribe(table: EventTableName, cursor: string | null, limit?: number): Promise<Subscription>;
  /** Removes what is past its TTL where the backend does it itself (PostgreSQL: drops whole partitions). */
  expire(): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_QUERY_LIMIT = 100;
