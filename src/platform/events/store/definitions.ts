/**
 * Seed 004 §13 — the DynamoDB table designs of the high-volume event store, as the seed gives them
 * (keys, attribute types, GSIs, TTL attribute, streams). Both backends are built from these: the
 * DynamoDB backend creates exactly these tables; the PostgreSQL backend stores every table's items in
 * one time-partitioned table keyed by the same attributes (postgres.ts).
 */
export interface KeyDefinition {
  /** The hash key attribute. */
  hash: string;
  /** The range key attribute, if any. */
  range?: string;
}

export interface EventTableDefinition {
  name: string;
  key: KeyDefinition;
  /** Global secondary indexes (projection ALL). */
  indexes: Record<string, KeyDefinition>;
  /** The TTL attribute: epoch seconds after which an item is gone. */
  ttlAttribute?: string;
  /** Whether the seed enables a stream (NEW_AND_OLD_IMAGES). */
  stream: boolean;
  /** Key attributes' types (all strings in §13). */
  attributeTypes: Record<string, 'S' | 'N'>;
}

const s = (...names: string[]) => Object.fromEntries(names.map((n) => [n, 'S' as const]));

export const EVENT_TABLES = {
  /** Student activity logs (clickstream): PK STUDENT#<id>, SK ACTIVITY#<ts>#<id>; GSI1 DATE#<date> / STUDENT#<id>. */
  StudentActivityLogs: {
    name: 'StudentActivityLogs',
    key: { hash: 'PK', range: 'SK' },
    indexes: { GSI1: { hash: 'GSI1PK', range: 'GSI1SK' } },
    stream: true,
    attributeTypes: s('PK', 'SK', 'GSI1PK', 'GSI1SK'),
  },
  /** Real-time assessment results: PK ASSESSMENT#<id>, SK STUDENT#<id>#<ts>; TTL 90 days. */
  AssessmentResults: {
    name: 'AssessmentResults',
    key: { hash: 'PK', range: 'SK' },
    indexes: {},
    ttlAttribute: 'TTL',
    stream: false,
    attributeTypes: s('PK', 'SK'),
  },
  /** Notification queue: PK USER#<id>, SK NOTIFICATION#<ts>#<id>; TTL. */
  NotificationQueue: {
    name: 'NotificationQueue',
    key: { hash: 'PK', range: 'SK' },
    indexes: {},
    ttlAttribute: 'TTL',
    stream: false,
    attributeTypes: s('PK', 'SK'),
  },
  /** Session store: SessionId; GSI UserIdIndex; TTL ExpirationTime. */
  UserSessions: {
    name: 'UserSessions',
    key: { hash: 'SessionId' },
    indexes: { UserIdIndex: { hash: 'UserId' } },
    ttlAttribute: 'ExpirationTime',
    stream: false,
    attributeTypes: s('SessionId', 'UserId'),
  },
  /** System-wide event sourcing: PK STREAM#<name>, SK EVENT#<ts>#<id>; GSI EventType / Timestamp. */
  SystemEvents: {
    name: 'SystemEvents',
    key: { hash: 'PK', range: 'SK' },
    indexes: { EventTypeTimestampIndex: { hash: 'EventType', range: 'Timestamp' } },
    stream: true,
    attributeTypes: s('PK', 'SK', 'EventType', 'Timestamp'),
  },
} as const satisfies Record<string, EventTableDefinition>;

export type EventTableName = keyof typeof EVENT_TABLES;
export const EVENT_TABLE_NAMES = Object.keys(EVENT_TABLES) as EventTableName[];
